using Kuajing.Ledger;

namespace Kuajing.Tests.Ledger;

public class MerkleTreeTests
{
    private static MerkleTree Tree(int size, out InMemoryTransparencyLogStore store)
    {
        store = new InMemoryTransparencyLogStore();
        var tree = new MerkleTree(store);
        for (var i = 0; i < size; i++)
        {
            tree.Append(BitConverter.GetBytes(i));
        }

        return tree;
    }

    [Fact]
    public void Append_ReturnsIndexAndStoresLeafHash()
    {
        var tree = Tree(3, out var store);
        var index = tree.Append([0xAB]);

        Assert.Equal(3, index);
        Assert.Equal(4, tree.Size);
        Assert.Equal(4, store.Count);
        Assert.Equal(MerkleTree.HashLeaf([0xAB]), tree.LeafHash(3));
    }

    [Fact]
    public void HashLeaf_ThirtyTwoByteOverload_EqualsSpanOverload()
    {
        var data = MerkleHash.Parse("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
        Assert.Equal(MerkleTree.HashLeaf(data.ToArray()), MerkleTree.HashLeaf(data));
    }

    [Fact]
    public void HashLeaf_LongData_UsesPooledBufferSameRule()
    {
        // Above 255 bytes the leaf is copied to a pooled array; the result must still be SHA-256(0x00 || data).
        var data = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([0x00, .. data])),
            MerkleTree.HashLeaf(data).ToString());
    }

    [Fact]
    public void AppendLeafHashes_StoreWrittenOutsideTree_ThrowsInvalidOperation()
    {
        var tree = Tree(2, out var store);
        store.Append([MerkleTree.HashLeaf([1])]);

        Assert.Throws<InvalidOperationException>(() => tree.Append([2]));
    }

    [Theory]
    [InlineData(-1L, 5L)] // negative index
    [InlineData(5L, 5L)] // index = size
    [InlineData(0L, 0L)] // size 0 has no leaves
    [InlineData(0L, 6L)] // size beyond the tree
    public void InclusionProof_OutOfRange_ThrowsArgumentOutOfRange(long index, long size) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Tree(5, out _).InclusionProof(index, size));

    [Theory]
    [InlineData(-1L, 3L)] // negative old size
    [InlineData(4L, 3L)] // old size > new size
    [InlineData(3L, 6L)] // new size beyond the tree
    public void ConsistencyProof_OutOfRange_ThrowsArgumentOutOfRange(long oldSize, long newSize) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Tree(5, out _).ConsistencyProof(oldSize, newSize));

    [Fact]
    public void RootHash_SizeBeyondTree_ThrowsArgumentOutOfRange() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Tree(5, out _).RootHash(6));

    [Fact]
    public void VerifyInclusion_IndexOutsideTree_IsFalse()
    {
        // RFC 9162 §2.1.3.2 step 1: leaf_index ≥ tree_size fails.
        var leaf = MerkleTree.HashLeaf([]);
        Assert.False(MerkleTree.VerifyInclusion(leaf, 1, 1, [], leaf));
        Assert.False(MerkleTree.VerifyInclusion(leaf, 0, 0, [], leaf));
        Assert.True(MerkleTree.VerifyInclusion(leaf, 0, 1, [], leaf));
    }

    [Fact]
    public void MerkleHash_Parse_RoundTripsAndRejectsBadText()
    {
        const string hex = "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d";
        Assert.Equal(hex, MerkleHash.Parse(hex.ToUpperInvariant()).ToString());
        Assert.Throws<FormatException>(() => MerkleHash.Parse(hex[..62]));
        Assert.Throws<FormatException>(() => MerkleHash.Parse(hex[..62] + "zz"));
        Assert.Throws<ArgumentException>(() => new MerkleHash(new byte[31]));
    }

    [Fact]
    public void InMemoryStore_ReadPastEnd_ThrowsArgumentOutOfRange()
    {
        var store = new InMemoryTransparencyLogStore([MerkleTree.EmptyRoot]);
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Read(0, new MerkleHash[2]));
    }
}
