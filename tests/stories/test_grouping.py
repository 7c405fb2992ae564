"""StoryGrouper on hand-made profiles: who joins, who starts a story, what the window and the
undated bucket allow, merges and splits, and restoring a stored state."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from storydiff.config import StoryGroupingSettings
from storydiff.stories import StoryGrouper, StoryProfile, name_key, pair_probability, term_cosine

AXES = {name: n for n, name in enumerate(["flood", "quake", "deal", "arrest", "strike", "fire"])}


def _profile(
    article: str,
    topic: str,
    day: int | None,
    keys: set[str] = frozenset(),
    lean: str | None = None,
    language: str = "en",
) -> StoryProfile:
    vector = np.zeros(8, dtype=np.float32)
    vector[AXES[topic]] = 1.0
    if lean:  # halfway to another topic: a bridge between two stories
        vector[AXES[lean]] = 1.0
    vector /= np.linalg.norm(vector)
    return StoryProfile(article, language, day, vector, frozenset(keys), frozenset(), f"{topic} {article}")


def test_alike_articles_form_one_story_and_others_their_own():
    grouper = StoryGrouper()
    events = grouper.add(
        [
            _profile("a1", "flood", 100, {"ostrl"}),
            _profile("a2", "flood", 100, {"ostrl"}),
            _profile("b1", "quake", 101, {"tatsk"}),
            _profile("a3", "flood", 102, {"ostrl"}),
        ]
    )
    story = grouper.story_of
    assert story["a1"] == story["a2"] == story["a3"] != story["b1"]
    assert [e.kind for e in events].count("new") == 2
    assert story["a1"] == "s-a1"  # named after the article that began it


def test_articles_outside_the_window_never_meet_but_undated_ones_meet_all():
    settings = StoryGroupingSettings(window_days=3)
    grouper = StoryGrouper(settings)
    grouper.add(
        [
            _profile("early", "flood", 100, {"ostrl"}),
            _profile("late", "flood", 200, {"ostrl"}),
            _profile("undated", "flood", None, {"ostrl"}),
        ]
    )
    story = grouper.story_of
    assert story["early"] != story["late"]  # a flood in the same town months later is another story
    assert story["undated"] in (story["early"], story["late"])


def test_an_article_that_matches_two_stories_merges_them_and_a_bad_merge_is_split():
    # Thresholds low enough that the dated bridge (a lead halfway between, one common name) joins both.
    grouper = StoryGrouper(StoryGroupingSettings(merge_threshold=0.05, threshold=0.05))
    grouper.add([_profile("a", "flood", 100, {"ostrl"}), _profile("b", "flood", 100, {"ostrl"})])
    grouper.add([_profile("c", "fire", 100, {"ostrl"}), _profile("d", "fire", 100, {"ostrl"})])
    before = set(grouper.story_of.values())
    assert len(before) == 2
    events = grouper.add([_profile("bridge", "flood", 100, {"ostrl"}, lean="fire")])
    kinds = [e.kind for e in events]
    assert kinds[0] == "join"
    if "merge" in kinds:  # merged, then checked: two stories that only a bridge joins fall apart again
        assert "split" in kinds
    assert len(set(grouper.story_of.values())) == 2


def test_restoring_a_stored_state_lets_new_articles_join_old_stories():
    first = StoryGrouper()
    first.add([_profile("a1", "deal", 50, {"talvr"}), _profile("a2", "deal", 51, {"talvr"})])
    second = StoryGrouper()
    second.restore(list(first.profiles.values()), first.story_of)
    events = second.add([_profile("a3", "deal", 52, {"talvr"})])
    assert [e.kind for e in events] == ["join"] and second.story_of["a3"] == first.story_of["a1"]


def test_name_keys_meet_across_scripts_and_term_cosine_weighs_rare_words():
    assert name_key("Хоноский") == name_key("Khonoski") == name_key("Dusa Khonoskiy")
    assert name_key("Almaty") != name_key("Astana")
    a, b, c = {1: 1.0, 2: 1.0}, {1: 1.0, 3: 1.0}, {2: 1.0, 3: 1.0}
    common_one = {1: 1.0, 2: 5.0, 3: 5.0}.__getitem__  # slot 1 is common, 2 and 3 rare
    assert term_cosine(a, c, common_one) > term_cosine(a, b, common_one)
    assert term_cosine({}, a, common_one) == 0.0


def test_a_split_keeps_the_id_with_the_founding_article_and_never_reuses_it():
    grouper = StoryGrouper()
    profiles = [_profile("a", "flood", 100), _profile("b", "fire", 100), _profile("c", "flood", 100)]
    grouper.restore(profiles, {"a": "s-a", "b": "s-a", "c": "s-a"})
    rows = {p.article_id: k for k, p in grouper.profiles.items()}
    # As a story split off earlier may hold them: its first member is not the article it is named after.
    grouper.stories["s-a"].members = [rows["b"], rows["a"], rows["c"]]
    grouper._maybe_split("s-a")
    groups = {sid: sorted(members) for sid, members in grouper.groups().items()}
    assert groups == {"s-a": ["a", "c"], "s-b": ["b"]}
    assert all(sid in grouper.stories for sid in grouper.story_of.values())


def test_years_days_and_shared_places_tell_two_events_of_one_kind_apart():
    def flood(article: str, **specifics: frozenset[str]) -> StoryProfile:
        return replace(_profile(article, "flood", None), **specifics)

    grouper = StoryGrouper()
    base = grouper.probability(flood("a"), flood("b"))
    years, day, other_day = frozenset({"2019"}), frozenset({"--05-04"}), frozenset({"--09-30"})
    assert grouper.probability(flood("a", years=years), flood("b", years=frozenset({"2023"}))) < base
    assert grouper.probability(flood("a", dates=day), flood("b", dates=day)) > base
    assert grouper.probability(flood("a", dates=day), flood("b", dates=other_day)) < base
    town = frozenset({name_key("Ostrel")})
    assert grouper.probability(flood("a", places=town), flood("b", places=town)) > base


def test_on_one_day_other_towns_names_and_figures_tell_alike_leads_apart():
    # A desk's day: two floods with identical-reading leads, told apart only by what they name.
    def flood(article: str, day: int | None, **specifics: frozenset[str]) -> StoryProfile:
        return replace(_profile(article, "flood", day, {"flds"}), **specifics)

    grouper = StoryGrouper()
    town_a, town_b = frozenset({name_key("Ostrel")}), frozenset({name_key("Virnau")})
    same = grouper.probability(flood("a", 100, places=town_a, keys=town_a), flood("b", 100, places=town_a, keys=town_a))
    other_town = grouper.probability(
        flood("a", 100, places=town_a, keys=town_a), flood("b", 100, places=town_b, keys=town_b)
    )
    other_figures = grouper.probability(
        flood("a", 100, numbers=frozenset({"41"})), flood("b", 100, numbers=frozenset({"17"}))
    )
    assert same > other_town + 0.3
    assert other_figures < grouper.probability(flood("a", 100), flood("b", 100))
    # Undated (ECB+-like) pairs are weighed as before: the dated features do not fire.
    undated = grouper.probability(
        flood("a", None, places=town_a, keys=town_a), flood("b", None, places=town_b, keys=town_b)
    )
    assert undated > other_town


def test_a_day_of_many_same_kind_events_gives_each_its_own_story():
    towns = ["Ostrel", "Virnau", "Kaldby", "Tessmor", "Brunvik", "Olmara"]
    profiles = [
        replace(
            _profile(f"{town}-{n}", "flood", 200, {name_key(town)}),
            places=frozenset({name_key(town)}),
            numbers=frozenset({str(20 + k)}),
        )
        for k, town in enumerate(towns)
        for n in range(3)
    ]
    grouper = StoryGrouper()
    grouper.add(profiles)
    stories = {frozenset(members) for members in grouper.groups().values()}
    assert stories == {frozenset(f"{town}-{n}" for n in range(3)) for town in towns}


def test_a_rare_shared_figure_or_name_counts_more_than_a_common_one():
    # Rarity as the grouper gives it (IDF over its largest value): "412" is in no other report, "20" in
    # many; "Ostrel" names one town, "Hochwasser" (a German noun, kept as a name) every flood.
    def flood(article: str, **specifics: frozenset[str]) -> StoryProfile:
        return replace(_profile(article, "flood", 100), **specifics)

    settings = StoryGroupingSettings()
    rarity = {"412": 0.95, "20": 0.2, "ostrl": 0.9, "hchwssr": 0.2}
    rare = pair_probability(
        flood("a", numbers=frozenset({"412"})), flood("b", numbers=frozenset({"412"})), settings, rarity
    )
    common = pair_probability(
        flood("a", numbers=frozenset({"20"})), flood("b", numbers=frozenset({"20"})), settings, rarity
    )
    assert rare > common
    town, noun = frozenset({"ostrl"}), frozenset({"hchwssr"})
    rare = pair_probability(flood("a", keys=town | noun), flood("b", keys=town | noun), settings, rarity)
    common = pair_probability(flood("a", keys=noun), flood("b", keys=noun), settings, rarity)
    assert rare > common


def test_two_reports_each_naming_a_rare_town_the_other_lacks_are_told_apart():
    # Both German-like: no entity model, so their keys are a shared common noun and their own town.
    def flood(article: str, town: str) -> StoryProfile:
        return replace(_profile(article, "flood", 100), keys=frozenset({"hchwssr", town}))

    settings = StoryGroupingSettings()
    rarity = {"hchwssr": 0.2, "ostrl": 0.9, "vrn": 0.9}
    same_town = pair_probability(flood("a", "ostrl"), flood("b", "ostrl"), settings, rarity)
    other_towns = pair_probability(flood("a", "ostrl"), flood("b", "vrn"), settings, rarity)
    assert same_town > other_towns + 0.3


def test_the_grouper_rates_figures_and_names_by_how_many_reports_give_them():
    profiles = [replace(_profile(f"x{n}", "flood", 100, {"ostrl"}), numbers=frozenset({"20"})) for n in range(6)]
    grouper = StoryGrouper()
    grouper.add(profiles)
    lone = replace(_profile("y", "flood", 100, {"vrn"}), numbers=frozenset({"412"}))
    rarity = grouper.rarity(lone, profiles[0])
    assert all(0.0 <= value <= 1.0 for value in rarity.values())
    assert rarity["412"] > rarity["20"] and rarity["vrn"] > rarity["ostrl"]


def test_a_merge_past_the_size_that_can_be_rechecked_is_refused():
    # Two stories of two; a bridge article matches both, but the merged story could not be re-checked.
    settings = StoryGroupingSettings(merge_threshold=0.05, threshold=0.05, max_recheck=3)
    grouper = StoryGrouper(settings)
    grouper.add([_profile("a", "flood", 100, {"ostrl"}), _profile("b", "flood", 100, {"ostrl"})])
    grouper.add([_profile("c", "fire", 100, {"ostrl"}), _profile("d", "fire", 100, {"ostrl"})])
    events = grouper.add([_profile("bridge", "flood", 100, {"ostrl"}, lean="fire")])
    assert [e.kind for e in events] == ["join"]
    assert all(len(story.members) <= 3 for story in grouper.stories.values())


def _naive_average_linkage(members: list[int], probability, threshold: float) -> list[list[int]]:  # type: ignore[no-untyped-def]
    """Average linkage the plain way (every cluster pair's block mean at every step): the reference."""
    index = {m: n for n, m in enumerate(members)}
    matrix = np.zeros((len(members), len(members)))
    for a in members:
        for b in members:
            if index[a] < index[b]:
                matrix[index[a], index[b]] = matrix[index[b], index[a]] = probability(a, b)
    clusters = [[index[m]] for m in members]
    while len(clusters) > 1:
        best, join = max(
            (float(matrix[np.ix_(clusters[x], clusters[y])].mean()), (x, y))
            for x in range(len(clusters))
            for y in range(x + 1, len(clusters))
        )
        if best < threshold:
            break
        clusters[join[0]].extend(clusters.pop(join[1]))
    return [[members[k] for k in cluster] for cluster in clusters]


def test_incremental_average_linkage_joins_exactly_as_the_plain_one_ties_included():
    from storydiff.stories.grouping import _average_linkage

    rng = np.random.default_rng(12)
    for trial in range(60):
        members = [int(m) for m in rng.permutation(500)[: 1 + trial % 17]]
        coarse = trial % 2 == 0  # probabilities in quarters: many equal means, so ties decide
        table = {
            (a, b): float(rng.integers(0, 5) / 4 if coarse else rng.random()) for a in members for b in members if a < b
        }

        def probability(a: int, b: int, table: dict[tuple[int, int], float] = table) -> float:
            return table[min(a, b), max(a, b)]

        for threshold in (0.25, 0.4, 0.75):
            assert _average_linkage(members, probability, threshold) == _naive_average_linkage(
                members, probability, threshold
            )


def test_the_grouper_s_memoised_rarities_and_bulk_cosines_score_as_the_plain_pair_model():
    # Invented reports; stems 1-4 stand for "flood", "dam", "river", "quake".
    def report(article: str, keys: set[str], numbers: set[str], terms: dict[int, float]) -> StoryProfile:
        return replace(_profile(article, "flood", 100, keys), numbers=frozenset(numbers), terms=terms)

    grouper = StoryGrouper()
    a = report("a", {"ostrl"}, {"41"}, {1: 1.0, 2: 1.69})
    b = report("b", {"ostrl", "vrn"}, {"41", "17"}, {1: 1.0, 3: 1.0})
    for added in ([a], [b], [report("c", {"vrn"}, {"17"}, {1: 1.0, 4: 1.0})]):
        before = grouper.probability(a, b)  # fills the memo, which the next rows must empty
        grouper.add(added)
        plain = pair_probability(a, b, grouper.settings, grouper.rarity(a, b), grouper._term_idf)
        assert grouper.probability(a, b) == pytest.approx(plain, abs=1e-12)
        assert grouper.probability(a, b) != before or len(grouper.profiles) == 1


# -- retiring what can no longer be met (bounded memory)


def _long_run(count: int = 120) -> list[StoryProfile]:
    """Invented reports over 300 days: each topic and town comes back every few weeks, so a story
    from long ago looks like the new one and only the window keeps them apart."""
    towns = ["ostrl", "vrn", "tatsk", "kln"]
    out = []
    for n in range(count):
        topic = list(AXES)[n % len(AXES)]
        terms = {n % 7: 1.0, 10 + n % 3: 1.0}
        out.append(replace(_profile(f"r{n:03}", topic, (n * 5) // 2, {towns[n % 4]}), terms=terms))
    return out


def test_a_story_past_the_window_is_retired_and_a_live_one_stays():
    grouper = StoryGrouper(StoryGroupingSettings(window_days=3, retire_margin_days=1))
    grouper.add([_profile("a1", "flood", 100, {"ostrl"}), _profile("b1", "quake", 103, {"tatsk"})])
    assert len(grouper.profiles) == 2
    grouper.add([_profile("c1", "deal", 105, {"talvr"})])  # clock 105: s-a1 (newest 100) < 105 - 3 - 1
    assert {p.article_id for p in grouper.profiles.values()} == {"b1", "c1"}
    assert set(grouper.stories) == {"s-b1", "s-c1"} and len(grouper._index) == 2
    assert sorted(grouper._days) == [103, 105] and "ostrl" not in grouper._key_rows
    # It is gone from memory, not from the results: the caller still reads and saves it.
    assert grouper.story_of["a1"] == "s-a1" and grouper.groups()["s-a1"] == ["a1"]
    assert grouper.title("s-a1") == "flood a1" and "s-a1" in grouper.story_ids()
    # ...and the live one is still met.
    grouper.add([_profile("b2", "quake", 105, {"tatsk"})])
    assert grouper.story_of["b2"] == "s-b1"


def test_a_late_article_meets_only_what_is_live_within_the_margin_it_still_does():
    def run(margin: int) -> dict[str, str]:
        grouper = StoryGrouper(StoryGroupingSettings(window_days=3, retire_margin_days=margin))
        grouper.add([_profile("a1", "flood", 100, {"ostrl"}), _profile("c1", "deal", 106, {"talvr"})])
        grouper.add([_profile("a2", "flood", 101, {"ostrl"})])  # 5 days late
        return grouper.story_of

    assert run(margin=1)["a2"] == "s-a2"  # its story was retired: it starts one of its own
    assert run(margin=5)["a2"] == "s-a1"


def test_retiring_changes_no_score_and_no_story():
    profiles = _long_run()
    kept = StoryGrouper(StoryGroupingSettings(window_days=5, retire_margin_days=10**6))
    retiring = StoryGrouper(StoryGroupingSettings(window_days=5, retire_margin_days=0))
    kept.add(profiles)
    retiring.add(profiles)
    assert len(kept.profiles) == len(profiles) and len(retiring.profiles) < 15
    assert retiring.story_of == kept.story_of and retiring.events == kept.events
    assert {sid: sorted(m) for sid, m in retiring.groups().items()} == {
        sid: sorted(m) for sid, m in kept.groups().items()
    }


def test_an_undated_article_retires_once_the_clock_has_left_its_day_behind():
    grouper = StoryGrouper(StoryGroupingSettings(window_days=3, retire_margin_days=0))
    grouper.add([_profile("a1", "flood", 100, {"ostrl"})])
    grouper.add([_profile("u1", "deal", None, {"talvr"})])  # taken to be published on day 100
    assert grouper.stories["s-u1"].last == 100
    grouper.add([_profile("c1", "quake", 104, {"tatsk"})])
    assert set(grouper.stories) == {"s-c1"} and grouper.story_of["u1"] == "s-u1"


def test_rows_restored_for_a_story_merged_away_join_the_story_that_absorbed_it():
    # The store still holds a2 in s-old (its days come later in the sweep); this run merged s-old away.
    grouper = StoryGrouper(StoryGroupingSettings(merge_threshold=0.05, threshold=0.05))
    grouper.restore(
        [_profile("a1", "flood", 100, {"ostrl"}), _profile("c1", "flood", 100, {"ostrl"})],
        {"a1": "s-old", "c1": "s-c1"},
    )
    events = grouper.add([_profile("bridge", "flood", 100, {"ostrl"})])
    assert [e.kind for e in events] == ["join", "merge"]
    survivor, (absorbed,) = events[1].story, events[1].others
    grouper.restore([_profile("a2", "flood", 101, {"ostrl"})], {"a2": absorbed})
    assert grouper.story_of["a2"] == survivor and absorbed not in grouper.stories


def test_a_retired_story_met_again_in_the_store_keeps_all_its_members_for_the_save():
    grouper = StoryGrouper()
    grouper.add([_profile("a1", "flood", 100, {"ostrl"})])
    grouper.retire(["s-a1"])
    # A later day's stored member of the same story (a long story), loaded after it was retired.
    grouper.restore([_profile("a5", "flood", 130, {"ostrl"})], {"a5": "s-a1"})
    assert grouper.groups()["s-a1"] == ["a1", "a5"] and grouper.title("s-a1") == "flood a1"
    grouper.retire(["s-a1"])
    assert grouper.groups() == {"s-a1": ["a1", "a5"]} and not grouper.profiles
