using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;

namespace Kuajing.Web.Ui;

/// <summary>An uploaded order file held between the upload page's "check" and "store and plan" steps.</summary>
/// <param name="OrganisationId">The organisation that uploaded it; only it may store it.</param>
/// <param name="FileName">The file's name as uploaded (shown in the report).</param>
/// <param name="Content">The file's bytes, unpacked when it was a <c>.csv.gz</c> (UTF-8 CSV or JSON).</param>
/// <param name="Json">True for the generic JSON format, false for CSV.</param>
internal sealed record UploadDraft(string OrganisationId, string FileName, byte[] Content, bool Json);

/// <summary>
/// Checked upload files waiting to be stored, in memory: a browser cannot send a file input again after a page load,
/// so the check step keeps the file under a random token (128 bits) that the store form posts back. A draft lives
/// <see cref="Lifetime"/>, is taken at most once (a second submit stores nothing twice), and belongs to one
/// organisation. At most <see cref="CapacityBytes"/> are held; beyond that the oldest drafts are dropped first. Held
/// per server process: behind a load balancer the store request must reach the same instance (sticky sessions).
/// </summary>
internal sealed class UploadDrafts : IDisposable
{
    /// <summary>Bytes held at most over all drafts (256 MiB).</summary>
    public const long CapacityBytes = 256L * 1024 * 1024;

    /// <summary>Largest unpacked file kept, bytes (64 MiB; the REST bulk upload takes 32 MiB bodies).</summary>
    public const long MaxDraftBytes = 64L * 1024 * 1024;

    /// <summary>How long a checked file waits for "store and plan".</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = CapacityBytes, CompactionPercentage = 0.25 });
    private readonly Lock _take = new();

    /// <summary>Keeps a checked file.</summary>
    /// <returns>The token for the store form, or null when the cache could not take it (full).</returns>
    public string? Keep(UploadDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _cache.Set(token, draft, new MemoryCacheEntryOptions { Size = Math.Max(1, draft.Content.LongLength), AbsoluteExpirationRelativeToNow = Lifetime });
        return _cache.TryGetValue(token, out _) ? token : null;
    }

    /// <summary>Takes a draft (removing it) when the token is known, not expired, and the organisation's own.</summary>
    /// <returns>The draft, or null.</returns>
    public UploadDraft? Take(string organisationId, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        lock (_take) // two submits of one form must not both get the draft
        {
            if (!_cache.TryGetValue(token, out UploadDraft? draft) || draft is null || draft.OrganisationId != organisationId)
            {
                return null;
            }

            _cache.Remove(token);
            return draft;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _cache.Dispose();
}
