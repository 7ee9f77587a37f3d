using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace WireScim.Scim
{
    /// <summary>
    /// Walks GET /Groups page by page. Every listed group carries its full member list, so a page of 500 groups can
    /// be several MiB, over the client's response cap: the page size follows the sizes seen (about half the cap per
    /// page) and shrinks when an answer is too large. Wire 5.24 ignores startIndex and count and answers everything
    /// in one page; that is recognised (more groups than asked for, or startIndex not echoed) and not read twice.
    /// </summary>
    internal sealed class GroupPager
    {
        public const int MaxPageSize = 500;
        private const int FirstPageSize = 100;
        private readonly GroupClient _client;
        private readonly string? _nameContains;
        private readonly int _budgetCharacters;
        private int _next = 1;
        private int _count;

        public GroupPager(GroupClient client, string? nameContains, int responseCapBytes = HttpTransport.MaxResponseBytes, int firstPageSize = FirstPageSize)
        {
            _client = client;
            _nameContains = nameContains;
            _budgetCharacters = responseCapBytes / 2;
            _count = Math.Max(1, Math.Min(MaxPageSize, firstPageSize));
        }

        public bool Done { get; private set; }

        /// <summary>Listing requests sent, those answered too large included.</summary>
        public int Requests { get; private set; }

        /// <summary>Wire answered without paging (release 5.24, which also lists groups made in Team Settings).</summary>
        public bool Unpaged { get; private set; }

        /// <summary>The next page; empty once <see cref="Done"/>.</summary>
        public async Task<IReadOnlyList<Group>> NextAsync(CancellationToken cancellationToken)
        {
            if (Done) return Array.Empty<Group>();
            GroupPage page;
            int characters;
            while (true)
            {
                try
                {
                    Requests++;
                    (page, characters) = await _client.ListPageAsync(_nameContains, _next, _count, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (WireScimException error) when (error.ErrorId == ErrorIds.ResponseTooLarge)
                {
                    if (_count == 1)
                        throw error.WithMessage(error.Message + " Even one group per page is too large (a group with tens of thousands of members), or this Wire release (5.24) does not page: Wire 5.25 or later pages group listings.");
                    _count = Math.Max(1, _count / 4);
                }
            }
            if (page.Groups.Count > _count || (_next > 1 && page.StartIndex != _next))
            {
                Unpaged = true;
                Done = true;
                // Wire 5.24 sent everything already with the first page.
                return _next == 1 ? page.Groups : Array.Empty<Group>();
            }
            _next += page.Groups.Count;
            if (page.Groups.Count > 0)
                _count = Math.Max(1, Math.Min(MaxPageSize, (int)((long)_budgetCharacters * page.Groups.Count / Math.Max(1, characters))));
            Done = page.Groups.Count == 0 || _next > page.TotalResults;
            return page.Groups;
        }

        /// <summary>Every group, each once (by id), page by page.</summary>
        public async Task<List<Group>> AllAsync(CancellationToken cancellationToken)
        {
            var all = new List<Group>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            while (!Done)
                foreach (var group in await NextAsync(cancellationToken).ConfigureAwait(false))
                    if (group.Id != null && seen.Add(group.Id)) all.Add(group);
            return all;
        }
    }
}
