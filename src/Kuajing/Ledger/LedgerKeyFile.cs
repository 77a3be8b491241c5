namespace Kuajing.Ledger;

/// <summary>
/// Where a store's ledger signing key lives and how it is created: a PEM file beside the SQLite database
/// (<c>DB.ledger-key.pem</c>) or <c>kuajing-ledger-key.pem</c> in the working directory for PostgreSQL, unless a path is
/// given; created on the first capture, readable by its owner only, with its public half beside it
/// (<c>….ledger-key.pub.pem</c>) for verifiers. Shared by <c>kuajing ingest/verify</c> and the server.
/// </summary>
public static class LedgerKeyFile
{
    /// <summary>The default key path of a store.</summary>
    /// <param name="sqlitePath">The SQLite database path, or <see langword="null"/> for PostgreSQL.</param>
    /// <returns>The path.</returns>
    public static string DefaultPath(string? sqlitePath) => sqlitePath is null ? "kuajing-ledger-key.pem" : sqlitePath + ".ledger-key.pem";

    /// <summary>The public key file beside a private key file.</summary>
    /// <param name="keyPath">The private key path.</param>
    /// <returns>The <c>.pub.pem</c> path.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="keyPath"/> is null.</exception>
    public static string PublicKeyPath(string keyPath)
    {
        ArgumentNullException.ThrowIfNull(keyPath);
        return Path.ChangeExtension(keyPath, ".pub.pem");
    }

    /// <summary>Loads the key, or creates it (owner-only file mode, public half written beside it) when asked.</summary>
    /// <param name="path">The private key PEM path.</param>
    /// <param name="create">Create the key when the file is missing.</param>
    /// <returns>The signer, or <see langword="null"/> when the file is missing and <paramref name="create"/> is false.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="path"/> is null.</exception>
    /// <exception cref="IOException">When the file cannot be read or written.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">When the file holds no ECDSA P-256 private key.</exception>
    public static TreeHeadSigner? LoadOrCreate(string path, bool create)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path))
        {
            return TreeHeadSigner.FromPem(File.ReadAllText(path));
        }

        if (!create)
        {
            return null;
        }

        var signer = TreeHeadSigner.Create();
        File.WriteAllText(path, signer.ExportPrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(PublicKeyPath(path), signer.ExportPublicKeyPem());
        return signer;
    }
}
