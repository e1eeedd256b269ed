using KtPortal.Domain.Common;

namespace KtPortal.Domain.Tickets;

/// <summary>What may be attached: an extension allow-list and size limits (configurable in <see cref="AttachmentOptions"/>).</summary>
public static class AttachmentRules
{
    public const int FileNameMaxLength = 255;

    /// <summary>Extension → the content type served on download; the browser-declared type is never trusted.</summary>
    public static readonly IReadOnlyDictionary<string, string> AllowedTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".pdf"] = "application/pdf",
        [".txt"] = "text/plain",
        [".log"] = "text/plain",
        [".csv"] = "text/csv",
        [".md"] = "text/markdown",
        [".eml"] = "message/rfc822",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".zip"] = "application/zip",
    };

    public static string AllowedList => string.Join(", ", AllowedTypes.Keys);

    /// <summary>Checks the uploads and adds a message per bad file to <paramref name="validation"/>.</summary>
    public static void Validate(Validation validation, IReadOnlyList<AttachmentUpload> uploads, AttachmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(uploads);
        ArgumentNullException.ThrowIfNull(options);
        const string field = "Attachments";
        if (uploads.Count > options.MaxFilesPerUpload)
        {
            validation.Add(field, $"Attach at most {options.MaxFilesPerUpload} files at a time.");
        }

        foreach (var upload in uploads)
        {
            var name = CleanFileName(upload.FileName);
            if (name.Length == 0)
            {
                validation.Add(field, "A file has no name.");
            }
            else if (!AllowedTypes.ContainsKey(Path.GetExtension(name)))
            {
                validation.Add(field, $"\"{name}\" is not an allowed file type. Allowed: {AllowedList}.");
            }
            else if (upload.SizeBytes > options.MaxFileBytes)
            {
                validation.Add(field, $"\"{name}\" is larger than {FormatSize(options.MaxFileBytes)}.");
            }
            else if (upload.SizeBytes == 0)
            {
                validation.Add(field, $"\"{name}\" is empty.");
            }
        }
    }

    /// <summary>The name as shown and downloaded: no folders, no control characters, bounded length.</summary>
    public static string CleanFileName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return string.Empty;
        }

        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string([.. name.Where(c => !char.IsControl(c) && c != '"')]).Trim();
        if (name.Length > FileNameMaxLength)
        {
            var extension = Path.GetExtension(name);
            name = name[..(FileNameMaxLength - extension.Length)] + extension;
        }

        return name;
    }

    public static string ContentTypeFor(string fileName) =>
        AllowedTypes.TryGetValue(Path.GetExtension(fileName), out var type) ? type : "application/octet-stream";

    public static string FormatSize(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MB",
        >= 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes} bytes",
    };
}

/// <summary>An uploaded file as the service receives it: its declared name and size and a way to read it.</summary>
public sealed record AttachmentUpload(string FileName, long SizeBytes, Func<CancellationToken, Stream> OpenRead);

public sealed class AttachmentOptions
{
    /// <summary>Where files are kept; outside wwwroot. Relative paths are under the content root.</summary>
    public string Path { get; set; } = System.IO.Path.Combine("App_Data", "attachments");

    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    public int MaxFilesPerUpload { get; set; } = 5;
}
