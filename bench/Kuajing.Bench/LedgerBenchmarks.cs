using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Kuajing.Ledger;

namespace Kuajing.Bench;

/// <summary>
/// Ledger Merkle tree (RFC 9162) on a log of 10^6 leaves held in memory: inclusion-proof generation, proof
/// verification, root computation, and appends. Each invocation handles <see cref="Batch"/> leaves spread over the log,
/// so proofs/s = Batch / mean time.
/// Run: <c>dotnet run -c Release --project bench/Kuajing.Bench -- --filter '*LedgerBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class LedgerBenchmarks
{
    /// <summary>Proofs generated or verified per benchmark invocation.</summary>
    public const int Batch = 1_000;

    private const int LeafCount = 1_000_000;

    private MerkleTree _tree = null!;
    private long[] _indices = null!;
    private MerkleHash[][] _proofs = null!;
    private MerkleHash[] _leafHashes = null!;
    private MerkleHash _root;

    /// <summary>Builds a log of 10^6 leaves (leaf data = SHA-256 of the index, standing in for event hashes).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _tree = new MerkleTree(new InMemoryTransparencyLogStore());
        Span<byte> index = stackalloc byte[8];
        _leafHashes = new MerkleHash[LeafCount];
        for (var i = 0; i < LeafCount; i++)
        {
            BitConverter.TryWriteBytes(index, (long)i);
            _leafHashes[i] = MerkleTree.HashLeaf(new MerkleHash(SHA256.HashData(index)));
        }

        _tree.AppendLeafHashes(_leafHashes);
        _root = _tree.RootHash();
        var random = new Random(20250601);
        _indices = [.. Enumerable.Range(0, Batch).Select(_ => (long)random.Next(LeafCount))];
        _proofs = [.. _indices.Select(i => _tree.InclusionProof(i, LeafCount))];
    }

    /// <summary>Generates <see cref="Batch"/> inclusion proofs against the full tree of 10^6 leaves.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int InclusionProof()
    {
        var total = 0;
        foreach (var i in _indices)
        {
            total += _tree.InclusionProof(i, LeafCount).Length;
        }

        return total;
    }

    /// <summary>Verifies <see cref="Batch"/> inclusion proofs (RFC 9162 §2.1.3.2).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int VerifyInclusion()
    {
        var ok = 0;
        for (var k = 0; k < _indices.Length; k++)
        {
            var i = _indices[k];
            if (MerkleTree.VerifyInclusion(_leafHashes[i], i, LeafCount, _proofs[k], _root))
            {
                ok++;
            }
        }

        return ok;
    }

    /// <summary>Generates <see cref="Batch"/> consistency proofs from random earlier sizes to 10^6.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int ConsistencyProof()
    {
        var total = 0;
        foreach (var i in _indices)
        {
            total += _tree.ConsistencyProof(i + 1, LeafCount).Length;
        }

        return total;
    }

    /// <summary>Root of the tree of 10^6 − 1 leaves (a size that is not a power of two).</summary>
    [Benchmark]
    public MerkleHash RootHash() => _tree.RootHash(LeafCount - 1);

    /// <summary>Recomputes the root from all 10^6 leaf hashes, as <see cref="LedgerVerifier"/> does for a whole store.</summary>
    [Benchmark]
    public MerkleHash ComputeRootOfAllLeaves() => MerkleTree.ComputeRoot(_leafHashes);
}
