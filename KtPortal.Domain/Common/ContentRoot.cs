namespace KtPortal.Domain.Common;

/// <summary>
/// The folder every relative storage path in configuration starts from (the web content root): attachments, the
/// outgoing-mail pickup folder, the inbound-mail drop folder.
/// </summary>
public sealed record ContentRoot(string Path);
