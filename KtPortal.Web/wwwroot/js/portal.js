// Small helpers the Blazor components call through JS interop.
window.ktPortal = {
    getTheme: () => {
        try { return localStorage.getItem("ktportal-theme"); } catch { return null; }
    },
    setTheme: (value) => {
        try { localStorage.setItem("ktportal-theme", value); } catch { /* private mode: keep it per session */ }
        // The server reads the cookie to draw the first paint in this theme (no light flash before dark).
        document.cookie = `ktportal-theme=${value}; path=/; max-age=31536000; samesite=lax`;
    },
    copyText: async (text) => {
        await navigator.clipboard.writeText(text);
    },
    // Focuses the first of these that is on screen (a card that moved, else what stands for where it went).
    focusFirst: (selectors) => {
        for (const selector of selectors) {
            const element = document.querySelector(selector);
            if (element && element.getClientRects().length > 0) {
                element.focus();
                return true;
            }
        }
        return false;
    },
};

// A board card puts its ticket number on the drag: some browsers start a drag only when it carries data, and this has
// to happen in the dragstart event itself, before the server could answer (the board learns which card from Blazor).
document.addEventListener("dragstart", (event) => {
    const card = event.target instanceof Element ? event.target.closest("[data-testid=ticket-card][draggable=true]") : null;
    if (card && event.dataTransfer) {
        event.dataTransfer.setData("text/plain", card.dataset.ticketNumber);
    }
});

// Enter in the app bar's search opens the option chosen with the arrow keys, or the results page for what is typed. It is
// done here, in the browser, so that it works before the page is interactive and never waits on a busy server to act
// on the key (under load a server-side Enter once went unanswered). The box clears itself when the address changes.
document.addEventListener("keydown", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || box.id !== "global-search" || event.key !== "Enter" || event.isComposing) {
        return;
    }
    const text = box.value.trim();
    if (text === "") {
        return;
    }
    event.preventDefault();
    const activeId = box.getAttribute("aria-activedescendant");
    const option = activeId ? document.getElementById(activeId) : null;
    const href = option && option.dataset.href ? option.dataset.href : "/search?q=" + encodeURIComponent(text);
    if (window.Blazor && typeof window.Blazor.navigateTo === "function") {
        window.Blazor.navigateTo(href);
    } else {
        window.location.assign(href);
    }
});

// "/" (when not typing somewhere) or Ctrl+K / Cmd+K anywhere puts the cursor in the app bar's search.
document.addEventListener("keydown", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const typing = target && (target.closest("input, textarea, select, [contenteditable=true]") !== null);
    const slash = event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey;
    const commandK = (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k";
    if (!slash && !commandK) {
        return;
    }
    const box = document.getElementById("global-search");
    if (box && box.getClientRects().length > 0) {
        event.preventDefault();
        box.focus();
        box.select();
    }
});
