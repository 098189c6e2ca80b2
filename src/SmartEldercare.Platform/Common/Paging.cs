namespace SmartEldercare.Platform.Common;

/// <param name="Items">The page.</param>
/// <param name="Total">Matching records, counted up to a cap.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Records per page.</param>
/// <param name="TotalIsLowerBound">True when more than <paramref name="Total"/> records match (the count stopped at its cap).</param>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize, bool TotalIsLowerBound = false) : Privacy.IAccessCount
{
    /// <summary>The rows this page hands out (for an access record).</summary>
    public int Rows => Items.Count;

    public int PageCount => PageSize == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}
