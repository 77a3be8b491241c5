using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kuajing.Ledger;

namespace Kuajing.Tests.Ledger;

/// <summary>
/// Properties of RFC 9162 §2.1 proofs on random trees of 1..200 leaves (the cached 16-leaf blocks and their parents
/// are exercised from 16 leaves up), checked against a reference MTH written here straight from the RFC's recursive
/// definition.
/// </summary>
public class MerkleTreePropertyTests
{
    private const int MaxSize = 200;

    /// <summary>Leaf data for leaf i: its index as 4 bytes, so all leaves differ.</summary>
    private static byte[] LeafData(int i) => BitConverter.GetBytes(i);

    private static MerkleTree Tree(int size)
    {
        var tree = new MerkleTree(new InMemoryTransparencyLogStore());
        for (var i = 0; i < size; i++)
        {
            tree.Append(LeafData(i));
        }

        return tree;
    }

    /// <summary>RFC 9162 §2.1.1, literally: MTH(D[n]) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k the largest power of 2 &lt; n.</summary>
    private static byte[] ReferenceRoot(IReadOnlyList<byte[]> leaves, int start, int count)
    {
        if (count == 0)
        {
            return SHA256.HashData([]);
        }

        if (count == 1)
        {
            return SHA256.HashData([0x00, .. leaves[start]]);
        }

        var k = 1;
        while (k * 2 < count)
        {
            k *= 2;
        }

        return SHA256.HashData([0x01, .. ReferenceRoot(leaves, start, k), .. ReferenceRoot(leaves, start + k, count - k)]);
    }

    private static Arbitrary<int> Sizes => Gen.Choose(1, MaxSize).ToArbitrary();

    [Property(MaxTest = 60)]
    public Property RootHash_AnyPrefix_EqualsReferenceMth() =>
        Prop.ForAll(Sizes, size =>
        {
            var tree = Tree(size);
            var leaves = Enumerable.Range(0, size).Select(LeafData).ToList();
            return Enumerable.Range(0, size + 1).All(n =>
                tree.RootHash(n).ToString() == Convert.ToHexStringLower(ReferenceRoot(leaves, 0, n)));
        });

    [Property(MaxTest = 60)]
    public Property InclusionProof_EveryIndex_Verifies() =>
        Prop.ForAll(Sizes, size =>
        {
            var tree = Tree(size);
            var root = tree.RootHash();
            return Enumerable.Range(0, size).All(i =>
                MerkleTree.VerifyInclusion(MerkleTree.HashLeaf(LeafData(i)), i, size, tree.InclusionProof(i, size), root));
        });

    [Property(MaxTest = 60)]
    public Property InclusionProof_ForAnotherLeaf_Fails() =>
        Prop.ForAll(Sizes, Gen.Choose(0, MaxSize - 1).ToArbitrary(), Gen.Choose(0, MaxSize - 1).ToArbitrary(), (size, a, b) =>
        {
            var (i, j) = (a % size, b % size);
            var tree = Tree(size);
            var proof = tree.InclusionProof(i, size);

            // Leaf j's hash with leaf i's proof (at i's index) must fail whenever j ≠ i.
            var verdict = MerkleTree.VerifyInclusion(MerkleTree.HashLeaf(LeafData(j)), i, size, proof, tree.RootHash());
            return verdict == (i == j);
        });

    [Property(MaxTest = 200)]
    public Property InclusionProof_AnyBitFlipped_Fails() =>
        Prop.ForAll(Gen.Choose(2, MaxSize).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (size, seed) =>
        {
            var tree = Tree(size);
            var index = seed % size;
            var proof = tree.InclusionProof(index, size);
            var element = (seed / size) % proof.Length;
            var bit = (seed / 7) % 256;
            proof[element] = proof[element].WithBitFlipped(bit);
            return !MerkleTree.VerifyInclusion(MerkleTree.HashLeaf(LeafData(index)), index, size, proof, tree.RootHash());
        });

    [Property(MaxTest = 40)]
    public Property ConsistencyProof_EveryOldSize_Verifies() =>
        Prop.ForAll(Sizes, newSize =>
        {
            var tree = Tree(newSize);
            var newRoot = tree.RootHash(newSize);
            return Enumerable.Range(0, newSize + 1).All(oldSize =>
                MerkleTree.VerifyConsistency(oldSize, newSize, tree.RootHash(oldSize), newRoot, tree.ConsistencyProof(oldSize, newSize)));
        });

    [Property(MaxTest = 200)]
    public Property ConsistencyProof_AnyBitFlipped_Fails() =>
        Prop.ForAll(Gen.Choose(2, MaxSize).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (newSize, seed) =>
        {
            var oldSize = 1 + (seed % (newSize - 1)); // 1 ≤ oldSize < newSize: a non-empty proof
            var tree = Tree(newSize);
            var proof = tree.ConsistencyProof(oldSize, newSize);
            var element = (seed / newSize) % proof.Length;
            var bit = (seed / 3) % 256;
            proof[element] = proof[element].WithBitFlipped(bit);
            return !MerkleTree.VerifyConsistency(oldSize, newSize, tree.RootHash(oldSize), tree.RootHash(newSize), proof);
        });

    [Property(MaxTest = 100)]
    public Property ConsistencyProof_FromAlteredOldTree_Fails() =>
        Prop.ForAll(Gen.Choose(2, MaxSize).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (newSize, seed) =>
        {
            // A log that rewrote leaf `edited` before oldSize cannot prove its new tree extends the old one.
            var oldSize = 1 + (seed % (newSize - 1));
            var edited = (seed / 5) % oldSize;
            var honest = Tree(newSize);
            var forked = new MerkleTree(new InMemoryTransparencyLogStore());
            for (var i = 0; i < newSize; i++)
            {
                forked.Append(i == edited ? LeafData(-1) : LeafData(i));
            }

            var proof = forked.ConsistencyProof(oldSize, newSize);
            return !MerkleTree.VerifyConsistency(oldSize, newSize, honest.RootHash(oldSize), forked.RootHash(newSize), proof);
        });

    [Property(MaxTest = 50)]
    public Property AppendLeafHashes_AnyBatching_SameRootsAsOneByOne() =>
        Prop.ForAll(Gen.Choose(1, 700).ToArbitrary(), Gen.Choose(1, 40).ToArbitrary(), (size, batch) =>
        {
            // The 16-leaf block cache must not depend on how appends are batched, nor on reopening over a full store.
            var leafHashes = Enumerable.Range(0, size).Select(i => MerkleTree.HashLeaf(LeafData(i))).ToArray();
            var store = new InMemoryTransparencyLogStore();
            var batched = new MerkleTree(store);
            for (var start = 0; start < size; start += batch)
            {
                batched.AppendLeafHashes(leafHashes.AsSpan(start, Math.Min(batch, size - start)));
            }

            var reopened = new MerkleTree(store);
            var expected = MerkleTree.ComputeRoot(leafHashes);
            var someIndex = (size * 7) % size;
            return batched.RootHash() == expected
                && reopened.RootHash() == expected
                && reopened.InclusionProof(someIndex, size).SequenceEqual(batched.InclusionProof(someIndex, size))
                && Convert.ToHexStringLower(ReferenceRoot(Enumerable.Range(0, size).Select(LeafData).ToList(), 0, size)) == expected.ToString();
        });
}
