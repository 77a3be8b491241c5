using Kuajing.Ledger;

namespace Kuajing.Tests.Ledger;

/// <summary>
/// Published RFC 6962 / RFC 9162 test vectors: the tree of the eight leaves "", 00, 10, 2021, 3031, 40414243,
/// 5051525354555657 and 606162636465666768696a6b6c6d6e6f (hex), with the expected roots of its first 1..8 leaves and
/// known inclusion and consistency proofs. Source: transparency-dev/merkle (Google, Apache-2.0), proof/verify_test.go
/// (variables <c>leaves</c>, <c>roots</c>, <c>inclusionProofs</c>, <c>consistencyProofs</c>), first published in
/// google/certificate-transparency and google/trillian; read 2025.
/// </summary>
public class MerkleTreeVectorTests
{
    private static readonly string[] LeafDataHex =
    [
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    ];

    private static readonly string[] RootHex =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    public static TheoryData<int> Sizes => [1, 2, 3, 4, 5, 6, 7, 8];

    // Inclusion vectors; the source numbers leaves from 1, these indices are 0-based.
    public static TheoryData<long, long, string[]> InclusionVectors => new()
    {
        { 0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"] },
        { 5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
        { 2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"] },
        { 1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"] },
        { 0, 1, [] },
    };

    public static TheoryData<long, long, string[]> ConsistencyVectors => new()
    {
        { 1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"] },
        { 6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
        { 2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"] },
        { 6, 7, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
        { 1, 1, [] },
    };

    private static MerkleTree VectorTree()
    {
        var tree = new MerkleTree(new InMemoryTransparencyLogStore());
        foreach (var hex in LeafDataHex)
        {
            tree.Append(Convert.FromHexString(hex));
        }

        return tree;
    }

    [Fact]
    public void EmptyRoot_IsSha256OfNothing()
    {
        // RFC 9162 §2.1.1: MTH({}) = HASH(); SHA-256("") is the well-known e3b0c442…b855 (FIPS 180-4 example).
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", MerkleTree.EmptyRoot.ToString());
        Assert.Equal(MerkleTree.EmptyRoot, VectorTree().RootHash(0));
    }

    [Fact]
    public void HashLeaf_EmptyLeaf_IsFirstVectorRoot()
    {
        // A one-leaf tree's root is its leaf hash SHA-256(0x00): 6e340b9c… in the published vectors.
        Assert.Equal(RootHex[0], MerkleTree.HashLeaf([]).ToString());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void RootHash_PublishedVectorLeaves_MatchesPublishedRoot(int size)
    {
        var tree = VectorTree();
        Assert.Equal(RootHex[size - 1], tree.RootHash(size).ToString());

        var leafHashes = LeafDataHex.Take(size).Select(h => MerkleTree.HashLeaf(Convert.FromHexString(h))).ToArray();
        Assert.Equal(RootHex[size - 1], MerkleTree.ComputeRoot(leafHashes).ToString());
    }

    [Theory]
    [MemberData(nameof(InclusionVectors))]
    public void InclusionProof_PublishedVector_MatchesAndVerifies(long index, long size, string[] expectedHex)
    {
        var tree = VectorTree();
        var proof = tree.InclusionProof(index, size);

        Assert.Equal(expectedHex, proof.Select(h => h.ToString()));
        var leafHash = MerkleTree.HashLeaf(Convert.FromHexString(LeafDataHex[index]));
        Assert.True(MerkleTree.VerifyInclusion(leafHash, index, size, proof, MerkleHash.Parse(RootHex[size - 1])));
    }

    [Theory]
    [MemberData(nameof(ConsistencyVectors))]
    public void ConsistencyProof_PublishedVector_MatchesAndVerifies(long oldSize, long newSize, string[] expectedHex)
    {
        var tree = VectorTree();
        var proof = tree.ConsistencyProof(oldSize, newSize);

        Assert.Equal(expectedHex, proof.Select(h => h.ToString()));
        Assert.True(MerkleTree.VerifyConsistency(
            oldSize, newSize, MerkleHash.Parse(RootHex[oldSize - 1]), MerkleHash.Parse(RootHex[newSize - 1]), proof));
    }

    // The corruptions below follow the probes of the same source (corruptInclusionProof): each must fail.
    [Fact]
    public void VerifyInclusion_CorruptedPublishedProof_Fails()
    {
        var tree = VectorTree();
        var root = tree.RootHash(8);
        var leaf = MerkleTree.HashLeaf(Convert.FromHexString(LeafDataHex[5]));
        var proof = tree.InclusionProof(5, 8);

        Assert.True(MerkleTree.VerifyInclusion(leaf, 5, 8, proof, root));
        Assert.False(MerkleTree.VerifyInclusion(leaf, 4, 8, proof, root)); // index − 1
        Assert.False(MerkleTree.VerifyInclusion(leaf, 6, 8, proof, root)); // index + 1
        Assert.False(MerkleTree.VerifyInclusion(leaf, 5 ^ 2, 8, proof, root)); // index ^ 2
        Assert.False(MerkleTree.VerifyInclusion(leaf, 5, 16, proof, root)); // size × 2
        Assert.False(MerkleTree.VerifyInclusion(leaf, 5, 4, proof, root)); // size / 2
        Assert.False(MerkleTree.VerifyInclusion(leaf, 5, 8, proof, MerkleTree.EmptyRoot)); // wrong root
        Assert.False(MerkleTree.VerifyInclusion(leaf, 5, 8, [.. proof, root], root)); // trailing root
        Assert.False(MerkleTree.VerifyInclusion(leaf, 5, 8, [root, .. proof], root)); // preceding root
        Assert.False(MerkleTree.VerifyInclusion(leaf, 5, 8, proof.AsSpan(0, proof.Length - 1), root)); // removed component
    }

    [Fact]
    public void VerifyConsistency_CorruptedPublishedProof_Fails()
    {
        var tree = VectorTree();
        var (r6, r8) = (tree.RootHash(6), tree.RootHash(8));
        var proof = tree.ConsistencyProof(6, 8);

        Assert.True(MerkleTree.VerifyConsistency(6, 8, r6, r8, proof));
        Assert.False(MerkleTree.VerifyConsistency(5, 8, r6, r8, proof)); // size1 − 1
        Assert.False(MerkleTree.VerifyConsistency(7, 8, r6, r8, proof)); // size1 + 1
        Assert.False(MerkleTree.VerifyConsistency(6, 16, r6, r8, proof)); // size2 × 2
        Assert.False(MerkleTree.VerifyConsistency(6, 8, r8, r6, proof)); // swapped roots
        Assert.False(MerkleTree.VerifyConsistency(6, 8, r6, r8, [])); // empty proof
        Assert.False(MerkleTree.VerifyConsistency(6, 8, r6, r8, [.. proof, r8])); // trailing root2
        Assert.False(MerkleTree.VerifyConsistency(6, 8, r6, r8, [proof[0], .. proof])); // preceding proof[0]
        Assert.False(MerkleTree.VerifyConsistency(6, 8, r6, r8, proof.AsSpan(0, proof.Length - 1))); // truncated
        Assert.False(MerkleTree.VerifyConsistency(8, 6, r8, r6, proof)); // time travel to the past
    }

    [Fact]
    public void VerifyConsistency_TrivialSizes_FollowDocumentedRules()
    {
        var tree = VectorTree();
        var r3 = tree.RootHash(3);

        Assert.True(MerkleTree.VerifyConsistency(3, 3, r3, r3, [])); // same tree
        Assert.False(MerkleTree.VerifyConsistency(3, 3, r3, tree.RootHash(4), [])); // same size, different roots
        Assert.False(MerkleTree.VerifyConsistency(3, 3, r3, r3, [r3])); // same tree but a non-empty proof
        Assert.True(MerkleTree.VerifyConsistency(0, 3, MerkleTree.EmptyRoot, r3, [])); // the empty tree is a prefix of all
        Assert.False(MerkleTree.VerifyConsistency(0, 3, r3, r3, [])); // size 0 must have the empty root
        Assert.Empty(tree.ConsistencyProof(0, 8));
        Assert.Empty(tree.ConsistencyProof(8, 8));
    }
}
