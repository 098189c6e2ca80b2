namespace SmartEldercare.Platform.Common;

/// <summary>A file a user downloads (an export): its name, type and bytes, and how many rows of elders it holds (for the download's access record).</summary>
public sealed record ExportFile(string FileName, string ContentType, byte[] Content, int Rows) : Privacy.IAccessCount;
