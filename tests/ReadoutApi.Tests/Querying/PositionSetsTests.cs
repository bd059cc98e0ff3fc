using ReadoutApi.Querying;

namespace ReadoutApi.Tests.Querying;

/// <summary>
/// The set algebra every filter, search word and date bound is combined with: its results must be exactly what the
/// plain set operations give, ascending and without duplicates, whichever code path runs.
/// </summary>
public class PositionSetsTests
{
    [Fact]
    public void UnionOfOverlappingListsIsAscendingAndDistinct() =>
        Assert.Equal([1, 2, 3, 5, 6, 8, 9], PositionSets.Union([[1, 3, 5, 9], [2, 3, 6], [3, 5, 8, 9]]));

    [Fact]
    public void UnionOfNoListsIsEmpty() => Assert.Empty(PositionSets.Union([]));

    [Fact]
    public void UnionOfOnlyEmptyListsIsEmpty() => Assert.Empty(PositionSets.Union([[], [], []]));

    [Fact]
    public void UnionWithEmptyListsIsTheOtherLists()
    {
        Assert.Equal([4, 7], PositionSets.Union([[], [4, 7]]));
        Assert.Equal([4, 7], PositionSets.Union([[4, 7], []]));
        Assert.Equal([1, 4, 7], PositionSets.Union([[], [4, 7], [], [1]]));
    }

    [Fact]
    public void UnionOfASingleListIsThatList() => Assert.Equal([0, 2, 40], PositionSets.Union([[0, 2, 40]]));

    [Fact]
    public void UnionOfRandomListsEqualsTheSetUnion()
    {
        var random = new Random(20250510);
        for (var round = 0; round < 200; round++)
        {
            var lists = Enumerable.Range(0, random.Next(0, 6)).Select(_ => RandomSet(random, random.Next(0, 40), 100)).ToArray();
            var expected = lists.SelectMany(l => l).Distinct().Order().ToArray();
            Assert.Equal(expected, PositionSets.Union(lists));
        }
    }

    // Union merges two lists and marks three or more in a bitset; every shape below runs through both ways.
    [Theory]
    [InlineData(1, 2, 10, 200)]
    [InlineData(2, 2, 300, 200)]
    [InlineData(3, 3, 64, 200)]
    [InlineData(4, 8, 5000, 100)]
    [InlineData(5, 40, 200, 100)]
    [InlineData(6, 100, 100_000, 5)]
    public void UnionOfRandomListsOfAnyCountAndSizeEqualsTheSortedDistinctUnion(int seed, int maxLists, int universe, int rounds)
    {
        var random = new Random(seed);
        for (var round = 0; round < rounds; round++)
        {
            // From empty through a few positions to the whole universe, sparse and dense lists mixed, as a one-letter
            // search word's prefix gives thousands of small postings and a few large ones.
            var lists = Enumerable.Range(0, random.Next(0, maxLists + 1))
                .Select(_ => random.Next(5) switch
                {
                    0 => [],
                    1 or 2 => RandomSet(random, random.Next(1, 4), universe),
                    3 => RandomGaps(random, universe, random.Next(0, 3)),
                    _ => RandomGaps(random, universe, random.Next(0, universe)),
                })
                .ToArray();
            var copies = lists.Select(l => l.ToArray()).ToArray();
            var union = PositionSets.Union(lists);
            Assert.True(ReferenceUnion(lists).AsSpan().SequenceEqual(union), $"round {round}: {lists.Length} lists");
            Assert.True(copies.Zip(lists).All(c => c.First.AsSpan().SequenceEqual(c.Second)), "the lists given were changed");
        }
    }

    [Fact]
    public void UnionOfThousandsOfSmallListsEqualsTheSortedDistinctUnion()
    {
        var random = new Random(36);
        for (var round = 0; round < 5; round++)
        {
            var lists = Enumerable.Range(0, 5000).Select(_ => RandomSet(random, random.Next(0, 20), 100_000)).ToArray();
            Assert.True(ReferenceUnion(lists).AsSpan().SequenceEqual(PositionSets.Union(lists)), $"round {round}");
        }
    }

    [Fact]
    public void UnionIsRightAtTheEdgesOfTheBitsetsWords()
    {
        int[] edges = [0, 1, 62, 63, 64, 65, 127, 128, 191, 192, 1023, 1024];
        var random = new Random(64);
        for (var round = 0; round < 200; round++)
        {
            var lists = Enumerable.Range(0, random.Next(2, 6))
                .Select(_ => edges.Where(_ => random.Next(2) == 0).ToArray())
                .ToArray();
            Assert.Equal(ReferenceUnion(lists), PositionSets.Union(lists));
        }
    }

    [Fact]
    public void UnionOfManyListsOfTheWholeRangeIsTheWholeRange()
    {
        var all = Enumerable.Range(0, 10_000).ToArray();
        Assert.Equal(all, PositionSets.Union(Enumerable.Repeat(all, 50)));
        Assert.Equal(all, PositionSets.Union(Enumerable.Range(0, 100).Select(i => all.Where(p => p % 100 == i).ToArray())));
    }

    [Fact]
    public void IntersectOfComparableSizesKeepsTheCommonPositions() =>
        Assert.Equal([3, 9, 12], PositionSets.Intersect([1, 3, 5, 9, 12], [2, 3, 9, 10, 12, 14]));

    [Fact]
    public void IntersectOfVeryDifferentSizesKeepsTheCommonPositions()
    {
        // Every even number below 1000 against five numbers: far more than eight times the smaller.
        var evens = Enumerable.Range(0, 500).Select(i => i * 2).ToArray();
        Assert.Equal([0, 64, 998], PositionSets.Intersect([0, 7, 64, 333, 998], evens));
    }

    [Fact]
    public void IntersectWithAnEmptySetIsEmpty()
    {
        Assert.Empty(PositionSets.Intersect([], [1, 2, 3]));
        Assert.Empty(PositionSets.Intersect([1, 2, 3], []));
        Assert.Empty(PositionSets.Intersect([], []));
    }

    [Fact]
    public void IntersectOfDisjointSetsIsEmpty()
    {
        Assert.Empty(PositionSets.Intersect([1, 3, 5], [0, 2, 4, 6]));
        Assert.Empty(PositionSets.Intersect([1001], Enumerable.Range(0, 1000).ToArray()));
    }

    [Theory]
    [InlineData(10, 79)]
    [InlineData(10, 80)]
    [InlineData(10, 81)]
    [InlineData(1, 9)]
    public void IntersectIsRightOnEitherSideOfTheSizeWhereItSwitchesToBinarySearch(int smallerSize, int largerSize)
    {
        var random = new Random(smallerSize * 1000 + largerSize);
        for (var round = 0; round < 50; round++)
        {
            var larger = RandomSet(random, largerSize, 200);
            var smaller = RandomSet(random, smallerSize, 200);
            Assert.Equal(Reference(smaller, larger), PositionSets.Intersect(smaller, larger));
        }
    }

    [Fact]
    public void IntersectOfRandomSetsEqualsTheSetIntersectionForComparableAndVeryDifferentSizes()
    {
        var random = new Random(42);
        for (var round = 0; round < 300; round++)
        {
            var universe = random.Next(1, 5000);
            var largerSize = random.Next(0, Math.Min(universe, 2000));
            // Half the rounds: sizes within a factor of two; the other half: the smaller at most a twentieth.
            var smallerSize = round % 2 == 0
                ? random.Next(largerSize / 2, largerSize + 1)
                : random.Next(0, largerSize / 20 + 1);
            var larger = RandomSet(random, largerSize, universe);
            var smaller = RandomSet(random, smallerSize, universe);

            var expected = Reference(smaller, larger);
            Assert.Equal(expected, PositionSets.Intersect(smaller, larger));
            // The smaller set first is only the cheap way: the other way round must give the same set.
            Assert.Equal(expected, PositionSets.Intersect(larger, smaller));
        }
    }

    [Fact]
    public void IntersectAllOfNoSetsIsNullMeaningEverything() => Assert.Null(PositionSets.IntersectAll([]));

    [Fact]
    public void IntersectAllOfOneSetIsThatSet() => Assert.Equal([2, 5, 8], IntersectAll([[2, 5, 8]]));

    [Fact]
    public void IntersectAllWithAnEmptySetIsEmptyNotNull()
    {
        var result = PositionSets.IntersectAll([[1, 2, 3], [], [2, 3]]);
        Assert.NotNull(result);
        Assert.Empty(result);
    }

    [Fact]
    public void IntersectAllOfRandomSetsEqualsTheSetIntersectionInAnyOrder()
    {
        var random = new Random(7);
        for (var round = 0; round < 200; round++)
        {
            var sets = Enumerable.Range(0, random.Next(1, 5)).Select(_ => RandomSet(random, random.Next(0, 300), 400)).ToArray();
            var expected = sets.Skip(1).Aggregate((IEnumerable<int>)sets[0], (acc, s) => acc.Intersect(s)).Order().ToArray();
            Assert.Equal(expected, IntersectAll(sets));
            Assert.Equal(expected, IntersectAll(sets.Reverse()));
        }
    }

    [Fact]
    public void LowerBoundFindsTheFirstIndexWhereThePredicateHolds()
    {
        int[] sorted = [1, 3, 3, 3, 7, 10, 10, 15];
        for (var x = 0; x <= 16; x++)
        {
            var expected = Array.FindIndex(sorted, v => v >= x) is var i and >= 0 ? i : sorted.Length;
            Assert.Equal(expected, PositionSets.LowerBound(sorted.Length, k => sorted[k] >= x));
        }
    }

    [Fact]
    public void LowerBoundIsTheLengthWhenThePredicateNeverHoldsAndZeroWhenAlways()
    {
        Assert.Equal(0, PositionSets.LowerBound(0, _ => throw new InvalidOperationException("an empty range has nothing to test")));
        Assert.Equal(5, PositionSets.LowerBound(5, _ => false));
        Assert.Equal(0, PositionSets.LowerBound(5, _ => true));
    }

    [Fact]
    public void LowerBoundOnlyTestsIndexesInsideTheRange()
    {
        var tested = new List<int>();
        var found = PositionSets.LowerBound(1000, k =>
        {
            tested.Add(k);
            return k >= 617;
        });
        Assert.Equal(617, found);
        Assert.All(tested, k => Assert.InRange(k, 0, 999));
    }

    // Null means "no sets, everything"; every caller here passes at least one set.
    private static int[] IntersectAll(IEnumerable<int[]> sets)
    {
        var result = PositionSets.IntersectAll(sets);
        Assert.NotNull(result);
        return result;
    }

    private static int[] Reference(int[] a, int[] b) => a.Intersect(b).Order().ToArray();

    private static int[] ReferenceUnion(IEnumerable<int[]> lists) => lists.SelectMany(l => l).Distinct().Order().ToArray();

    // Ascending distinct positions below the universe, each gap from 1 to 2 * meanGap + 1 (0: every position).
    private static int[] RandomGaps(Random random, int universe, int meanGap)
    {
        var list = new List<int>();
        for (var p = random.Next(meanGap * 2 + 1); p < universe; p += 1 + random.Next(meanGap * 2 + 1))
        {
            list.Add(p);
        }

        return [.. list];
    }

    private static int[] RandomSet(Random random, int size, int universe)
    {
        var set = new HashSet<int>();
        size = Math.Min(size, universe);
        while (set.Count < size)
        {
            set.Add(random.Next(universe));
        }

        return set.Order().ToArray();
    }
}
