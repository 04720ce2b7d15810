"""Edit plans (cleaner/plan.py): which edits apply together, how they apply, how offsets map
back, and how a plan is serialised and replayed."""
from __future__ import annotations

import json

import pytest

from wirefix.cleaner import Edit, Finding, FixPlan, apply_edits, apply_plan, select_edits
from wirefix.cleaner.findings import Applicability, span_fix
from wirefix.cleaner.plan import best_fixes, edits_of, select
from wirefix.cleaner.spans import touching as conflicts

SAFE, UNSAFE, DISPLAY = Applicability.SAFE, Applicability.UNSAFE, Applicability.DISPLAY


def F(start, end, repl="X", app=SAFE, prio=0, code="WT001", extra=()) -> Finding:
    fixes = (span_fix(start, end, repl, app, extra=extra),) if repl is not None else ()
    return Finding(code=code, rule=f"rule-{code.lower()}", family="whitespace", start=start,
                   end=end, message="m", fixes=fixes, priority=prio)


def spans(found):
    return [(f.start, f.end) for f in found]


# -- select_edits: the overlap and adjacency policy ------------------------------------------
def test_disjoint_edits_all_apply_in_offset_order():
    chosen = select_edits([F(10, 12), F(0, 2), F(5, 6)])
    assert spans(chosen) == [(0, 2), (5, 6), (10, 12)]


def test_overlapping_edits_the_higher_priority_wins():
    low_code_first = select_edits([F(3, 8, prio=5), F(0, 5, prio=1)])
    assert spans(low_code_first) == [(0, 5)]
    assert spans(select_edits([F(3, 8, prio=0), F(0, 5, prio=1)])) == [(3, 8)]


def test_equal_priority_the_earlier_edit_wins():
    assert spans(select_edits([F(3, 8), F(0, 5)])) == [(0, 5)]


def test_touching_edits_conflict_one_untouched_character_between_is_enough():
    assert spans(select_edits([F(0, 3), F(3, 5)])) == [(0, 3)]
    assert spans(select_edits([F(0, 3), F(4, 5)])) == [(0, 3), (4, 5)]


def test_two_deletions_that_only_touch_apply_in_one_pass():
    # "\n Reuter" and the "\n&#3;" after it: deleted in either order, the text is the same
    assert spans(select_edits([F(3, 5, ""), F(0, 3, "")])) == [(0, 3), (3, 5)]
    assert spans(select_edits([F(0, 3, ""), F(3, 5, ""), F(5, 9, "")])) == [(0, 3), (3, 5), (5, 9)]
    # but never two that overlap, nor a deletion beside a replacement or an insertion
    assert spans(select_edits([F(0, 4, ""), F(3, 5, "")])) == [(0, 4)]
    assert spans(select_edits([F(0, 3, ""), F(3, 5, "x")])) == [(0, 3)]
    assert spans(select_edits([F(0, 3, "x"), F(3, 5, "")])) == [(0, 3)]
    assert spans(select_edits([F(0, 3, ""), F(3, 3, "!")])) == [(0, 3)]
    # nor a fix of several edits, even when each of them deletes
    multi = F(3, 5, "", prio=1, code="WT002", extra=[Edit(8, 9, "")])
    assert spans(select_edits([F(0, 3, ""), multi])) == [(0, 3)]


def test_touching_deletions_make_one_segment_of_the_offset_map():
    text = "rose 5 pct.\n Reuter\n&#3;"
    new, omap = apply_edits(text, [Edit(11, 19, ""), Edit(19, 24, "")])
    assert new == "rose 5 pct."
    assert omap.segments == ((11, 24, 11, 11),)
    assert omap.span_to_old(0, 11) == (0, 11)
    from wirefix.cleaner.plan import apply_edits_map
    assert apply_edits_map([Edit(11, 19, ""), Edit(19, 24, "")]).segments == omap.segments
    plan = FixPlan([[Edit(11, 19, ""), Edit(19, 24, "")]])
    assert apply_plan(text, plan) == new
    assert plan.original_spans() == [(11, 24)]


def test_insertions_conflict_at_the_same_offset_and_at_the_edge_of_a_replacement():
    assert spans(select_edits([F(4, 4, "a"), F(4, 4, "b")])) == [(4, 4)]
    assert spans(select_edits([F(2, 4), F(4, 4, "!")])) == [(2, 4)]
    assert spans(select_edits([F(4, 4, "!"), F(4, 6)])) == [(4, 4)]
    assert spans(select_edits([F(4, 4, "!"), F(6, 6, "?")])) == [(4, 4), (6, 6)]


def test_applicability_decides_what_may_apply():
    found = [F(0, 1, app=SAFE), F(3, 4, app=UNSAFE), F(6, 7, app=DISPLAY)]
    assert spans(select_edits(found)) == [(0, 1)]
    assert spans(select_edits(found, unsafe=True)) == [(0, 1), (3, 4)]


def test_findings_without_replacements_never_apply():
    assert select_edits([F(0, 2, repl=None, app=SAFE)], unsafe=True) == []


def test_a_long_accepted_edit_blocks_a_later_one_it_covers():
    # the neighbour check must see an earlier edit that ends after the candidate starts
    chosen = select_edits([F(0, 20, prio=0), F(2, 3, prio=1), F(25, 26, prio=1)])
    assert spans(chosen) == [(0, 20), (25, 26)]


def test_a_patient_rule_waits_for_a_pass_with_no_other_fix():
    """A rule that reads what others repair (Rule.waits_for_repairs) has its fix taken only
    when no other fix applies in the pass: even one far from it, or of a later priority."""
    quote, word = F(0, 40, "“...”", UNSAFE, prio=5, code="WT801"), F(60, 65, "That’s", prio=9)
    chosen = select(best_fixes([quote, word], unsafe=True), patient={"WT801"})
    assert [c.finding for c in chosen] == [word]
    alone = select(best_fixes([quote], unsafe=True), patient={"WT801"})
    assert [c.finding for c in alone] == [quote]
    # without patience both apply in one pass, as any two disjoint fixes do
    assert len(select(best_fixes([quote, word], unsafe=True))) == 2


def test_conflicts_is_a_closed_interval_test():
    assert conflicts(0, 3, 3, 5) and conflicts(3, 5, 0, 3)
    assert conflicts(2, 2, 2, 2)
    assert not conflicts(0, 2, 3, 5)


def test_multi_edit_fix_is_all_or_nothing():
    blocker = F(9, 10, prio=0, code="WT001")
    multi = F(0, 1, '"', prio=1, code="WT002", extra=[Edit(9, 9, '"')])
    assert spans(select_edits([blocker, multi])) == [(9, 10)]
    alone = select_edits([multi])
    assert spans(alone) == [(0, 1)]
    assert [(e.start, e.end, e.replacement) for e in edits_of(best_fixes(alone))] == [
        (0, 1, '"'), (9, 9, '"')]


def test_multi_edit_claims_all_its_spans_against_later_findings():
    multi = F(0, 1, "A", prio=0, code="WT001", extra=[Edit(10, 12, "B")])
    later = F(11, 14, "C", prio=1, code="WT002")
    assert spans(select_edits([multi, later])) == [(0, 1)]


def test_a_fix_whose_own_edits_overlap_is_never_applied():
    broken = F(0, 5, "A", extra=[Edit(3, 8, "B")])
    assert select_edits([broken]) == []


def test_a_fix_whose_own_edits_touch_still_blocks_its_neighbours():
    multi = F(5, 5, "(", prio=0, code="WT001", extra=[Edit(5, 7, "x")])
    neighbour = F(7, 9, "y", prio=1, code="WT002")
    chosen = select_edits([multi, neighbour])
    assert spans(chosen) == [(5, 5)]
    text, _ = apply_edits("0123456789", edits_of(best_fixes(chosen)))
    assert text == "01234(x789"


# -- apply_edits and OffsetMap ----------------------------------------------------------------
def test_apply_edits_replaces_inserts_and_deletes_in_one_sweep():
    text = "the the cat sat"
    new, omap = apply_edits(text, [Edit(0, 4, ""), Edit(11, 11, " down"), Edit(12, 15, "SAT")])
    assert new == "the cat down SAT"
    assert omap.segments == ((0, 4, 0, 0), (11, 11, 7, 12), (12, 15, 13, 16))


def test_apply_edits_refuses_overlaps():
    with pytest.raises(ValueError):
        apply_edits("abcdef", [Edit(0, 3, "x"), Edit(2, 4, "y")])


def test_offset_map_outside_inside_and_after_edits():
    text = "aa  bb cc"
    new, omap = apply_edits(text, [Edit(2, 4, " "), Edit(7, 9, "CCC")])
    assert new == "aa bb CCC"
    # unchanged text before, between and after the edits
    assert omap.to_old(0) == 0 and omap.to_old(1) == 1
    assert new[3:5] == text[omap.to_old(3):omap.to_old(5)] == "bb"
    assert omap.to_old(len(new)) == len(text)
    # strictly inside a replaced region: its old start or its old end
    assert omap.to_old(7, side="start") == 7 and omap.to_old(7, side="end") == 9
    assert omap.span_to_old(3, 5) == (4, 6)
    assert omap.span_to_old(6, 9) == (7, 9)
    assert omap.span_to_old(4, 4) == (5, 5)


def test_offset_map_round_trip_on_every_unchanged_character():
    text = "one  two\r\nthree   four"
    edits = [Edit(3, 5, " "), Edit(15, 18, " ")]
    new, omap = apply_edits(text, edits)
    for i, ch in enumerate(new):
        j = omap.to_old(i)
        if not any(e.start <= j < max(e.end, e.start + 1) for e in edits):
            assert text[j] == ch


# -- FixPlan ------------------------------------------------------------------------------------
def _two_pass_plan():
    text = "a  b  c"
    p1 = [Edit(1, 3, " ", "space-run", "WF201")]          # "a b  c"
    p2 = [Edit(3, 5, " ", "space-run", "WF201"), Edit(6, 6, ".", "add", "WT009")]
    plan = FixPlan()
    plan.add_pass(p1)
    plan.add_pass(p2)
    return text, plan


def test_plan_replays_on_the_original_text():
    text, plan = _two_pass_plan()
    assert apply_plan(text, plan) == "a b c."
    assert len(plan) == 3
    assert [e.code for e in plan.edits] == ["WF201", "WF201", "WT009"]


def test_plan_serialises_and_replays_after_a_round_trip():
    text, plan = _two_pass_plan()
    data = plan.to_json()
    obj = json.loads(data)
    assert obj["version"] == 1 and len(obj["passes"]) == 2
    assert obj["passes"][1][1] == {"start": 6, "end": 6, "replacement": ".", "rule": "add",
                                   "code": "WT009"}
    again = FixPlan.from_json(data)
    assert again == plan
    assert apply_plan(text, again) == "a b c."


def test_plan_json_keeps_non_ascii_and_refuses_unknown_versions():
    plan = FixPlan([[Edit(0, 3, "’ \U0001F600 “", "r", "WT001")]])
    assert FixPlan.from_json(plan.to_json()).edits[0].replacement == "’ \U0001F600 “"
    with pytest.raises(ValueError):
        FixPlan.from_json(json.dumps({"version": 2, "passes": []}))


def test_original_spans_map_later_passes_back_to_the_original():
    text, plan = _two_pass_plan()
    # pass 2's (3, 5) in "a b  c" is (4, 6) in "a  b  c"; its insertion at 6 is at 7
    assert plan.original_spans() == [(1, 3), (4, 6), (7, 7)]


def test_original_spans_merge_edits_of_later_passes_inside_earlier_ones():
    plan = FixPlan([[Edit(2, 2, "xyz")], [Edit(3, 4, "Y")], [Edit(0, 1, "A"), Edit(1, 2, "B")]])
    # pass 2 edits inside the insertion of pass 1: it maps to the insertion point
    assert plan.original_spans() == [(0, 2)]
    assert apply_plan("0123", plan) == "ABxYz23"



def test_empty_plan():
    plan = FixPlan()
    assert len(plan) == 0 and plan.original_spans() == [] and apply_plan("x", plan) == "x"
    assert FixPlan.from_json(plan.to_json()) == plan
