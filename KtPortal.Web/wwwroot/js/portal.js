// Small helpers the Blazor components call through JS interop.
window.ktPortal = {
    getTheme: () => {
        try { return localStorage.getItem("ktportal-theme"); } catch { return null; }
    },
    setTheme: (value) => {
        try { localStorage.setItem("ktportal-theme", value); } catch { /* private mode: keep it per session */ }
    },
    copyText: async (text) => {
        await navigator.clipboard.writeText(text);
    },
};
