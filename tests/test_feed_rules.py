"""The feed-damage rules working together through the real engine: whole stories in, exact
stories out, offsets into the text as given (CRLF included), the house-style options, and
property tests over damaged feed copy. Needs no ../shared."""
from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, example, given, settings, strategies as st

from wirefix.cleaner import Config, FixPlan, apply_plan, fix, lint, select_edits
from conftest import run_cli

FEED = Config(select=("encoding", "whitespace", "WF35", "WF45", "WF46", "WF47", "WF303"))


def feed(**style) -> Config:
    return Config(select=FEED.select, style=tuple(style.items()))


REUTERS_STORY = (
    "Standard Oil Co and BP North America\n"
    "Inc said they plan to form a venture to manage the money market\n"
    "borrowing and investment activities of both companies.\n"
    "    BP North America is a subsidiary of British Petroleum Co\n"
    "Plc &lt;BP>, which also owns a 55 pct interest in Standard Oil.\n"
    "    The venture will be called BP/Standard Financial Trading\n"
    "and will be operated by Standard Oil under the oversight of a\n"
    "joint management committee.\n"
    "\n"
    " Reuter\n"
    "&#3;"
)
REUTERS_FIXED = (
    "Standard Oil Co and BP North America Inc said they plan to form a venture to manage the "
    "money market borrowing and investment activities of both companies.\n"
    "    BP North America is a subsidiary of British Petroleum Co Plc <BP>, which also owns a "
    "55 pct interest in Standard Oil.\n"
    "    The venture will be called BP/Standard Financial Trading and will be operated by "
    "Standard Oil under the oversight of a joint management committee."
)  # no final newline: the story had none (it ended in "&#3;"); issue 18, item 12


def test_a_reuters_story_comes_out_clean():
    res = fix(REUTERS_STORY, FEED)
    assert res.converged
    assert res.text == REUTERS_FIXED
    assert not select_edits(res.remaining)


def test_crlf_story_offsets_index_the_text_as_given():
    crlf = REUTERS_STORY.replace("\n", "\r\n")
    found = lint(crlf, FEED)
    spans = {f.code: [] for f in found}
    for f in found:
        spans[f.code].append(crlf[f.start:f.end])
    assert spans["WF103"] == ["&lt;"]
    assert spans["WF350"] == ["\r\n&#3;"]     # the last line goes with the break before it
    assert spans["WF351"] == ["\r\n\r\n Reuter"]
    assert set(spans["WF204"]) == {"\r\n"} and len(spans["WF204"]) == 5
    assert fix(crlf, FEED).text == REUTERS_FIXED.replace("\n", "\r\n")


AP_STORY = (
    "WASHINGTON (AP) -- Officials said the talks in Vienna would resume on\n"
    "Monday after a break of two weeks, and that both sides expected a deal.\n"
    "\n"
    "The ministers agreed on these points:\n"
    "- a ceasefire that starts on Friday\n"
    "- talks on prisoners\n"
    "\n"
    "  Country      Troops    Tanks\n"
    "  Ruritania     1,200       40\n"
    "  Freedonia       800       25\n"
    "\n"
    "___\n"
    "Associated Press writer Jane Doe in Vienna contributed to this report.\n"
)


def test_unwrap_keeps_paragraphs_lists_tables_and_the_ap_furniture():
    out = fix(AP_STORY, FEED).text
    assert out == AP_STORY.replace(
        "-- Officials said the talks in Vienna would resume on\nMonday",
        "— Officials said the talks in Vienna would resume on Monday")


def test_a_repair_that_touches_a_join_waits_one_pass():
    text = ("Officials said the talks in Vienna would resume on Monday after a\n"
            "&lt;short> break of two weeks, and that both sides expected to\n"
            "agree on a ceasefire by the end of the month, a diplomat said.\n")
    codes = [(f.code, text[f.start:f.end]) for f in lint(text, FEED)]
    assert ("WF204", "\n") in codes and ("WF103", "&lt;") not in codes
    res = fix(text, FEED)
    assert res.text == ("Officials said the talks in Vienna would resume on Monday after a <short> "
                        "break of two weeks, and that both sides expected to agree on a ceasefire "
                        "by the end of the month, a diplomat said.\n")
    assert res.passes == 2
    # without hard-wrap nothing waits: the entity is repaired in the first pass
    alone = fix(text, Config(select=("encoding",)))
    assert alone.passes == 1 and "<short>" in alone.text and "\n&lt;" not in alone.text


def test_a_sign_off_and_the_control_code_after_it_go_in_one_pass():
    # two deletions that touch apply together, so a 1987 feed story needs one repair pass
    # (and one lint of its prose) less; the result is the one two passes gave
    text = ("The bank said profits rose 12 pct in the year to March.\n Reuter\n&#3;")
    res = fix(text, FEED)
    assert res.text == "The bank said profits rose 12 pct in the year to March."
    assert res.passes == 1
    assert [e.rule for e in res.plan.edits] == ["feed-sign-off", "feed-control-code"]


def test_ag_news_row():
    title = "Libya hosts  #39;mini-summit #39; on Sudan #39;s Darfur conflict"
    desc = ("SPACE.com - TORONTO, Canada -- A second\\team of rocketeers competing for the  "
            "#36;10 million Ansari X Prize, a contest for\\privately funded suborbital space "
            "flight, has officially announced the first\\launch date.")
    assert fix(title, FEED).text == "Libya hosts 'mini-summit' on Sudan's Darfur conflict"
    assert fix(desc, FEED).text == (
        "SPACE.com - TORONTO, Canada — A second team of rocketeers competing for the $10 "
        "million Ansari X Prize, a contest for privately funded suborbital space flight, has "
        "officially announced the first launch date.")


def test_messages_explain_each_repair():
    text = "Assangeâ€™s lawyer said\n\x85 Microsoft #39;s deal and it&apos;s do n't"
    by_code = {f.code: f for f in lint(text, FEED)}
    assert by_code["WF101"].message == ("mojibake: “â€™” is “’”, UTF-8 text read as "
                                        "Windows-1252")
    twice = [f for f in lint("Ã¢â‚¬Å“ Romance", FEED) if f.code == "WF101"]
    assert twice[0].message.endswith("UTF-8 text read as Windows-1252, 2 times over")
    assert "Windows-1252" in by_code["WF102"].message
    assert "lost its “&”" in by_code["WF105"].message
    assert by_code["WF103"].message == "HTML entity “&apos;” is “'”"
    assert "split from its word" in by_code["WF206"].message
    assert all(f.fix_title for f in by_code.values())


def test_quote_style_follows_the_story_and_house_style():
    story = 'He said "no" to the offer. "We\'re done," he added. Itâ€™s over.'
    # ftfy restores a curly apostrophe; the story is written with straight marks
    assert fix(story, FEED).text == 'He said "no" to the offer. "We\'re done," he added. It\'s over.'
    curly = "“We will win,” she said. He said \"no\" to China’s offer."
    assert fix(curly, FEED).text == "“We will win,” she said. He said “no” to China’s offer."
    assert fix(curly, feed(quotes="straight")).text == (
        "\"We will win,\" she said. He said \"no\" to China's offer.")
    # the encoding family alone never uncurls (ftfy's uncurl_quotes stays off)
    assert fix("Itâ€™s “done”", Config(select=("encoding",))).text == "It’s “done”"


def test_dash_and_ellipsis_options():
    text = "He repeated -- as before -- that talks… would go on."
    assert fix(text, FEED).text == "He repeated — as before — that talks... would go on."
    assert fix(text, feed(dash="–", ellipsis="…")).text == (
        "He repeated – as before – that talks… would go on.")
    assert fix(text, feed(dash=" - ")).text == "He repeated - as before - that talks... would go on."


def test_source_tags_follow_the_house_form():
    desc = "AP - A company founded by a chemist won a grant."
    title = "Stocks Rise on Oil (REUTERS)"
    assert fix(desc, FEED).text == desc
    assert fix(desc, feed(**{"source-tag": "AP"})).text == (
        "(AP) — A company founded by a chemist won a grant.")
    assert fix(desc, feed(**{"source-tag": "Reuters"})).text == (
        "(AP) - A company founded by a chemist won a grant.")
    assert fix(title, feed(**{"source-tag": "AP"})).text == "Stocks Rise on Oil (Reuters)"


def test_unwrap_option_off_keeps_line_breaks():
    out = fix(REUTERS_STORY, feed(unwrap=False)).text
    assert out == (REUTERS_STORY.replace("&lt;", "<")
                   .replace("committee.\n\n Reuter\n&#3;", "committee."))


def test_cli_fixes_a_story_from_stdin():
    proc = run_cli("check", "--fix", "--select", "encoding,whitespace,WF35,WF45,WF46,WF47,WF303",
                   "-", input=REUTERS_STORY)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.decode("utf-8") == REUTERS_FIXED


def test_rules_command_documents_a_feed_rule():
    proc = run_cli("rules", "WF204")
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0
    for section in ("What it does", "Why it happens in wire copy", "Fix safety"):
        assert section in out


# -- properties over damaged feed copy ---------------------------------------------------------
EXAMPLES = int(os.environ.get("WIREFIX_HYPOTHESIS_EXAMPLES", "150"))
PROFILE = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, print_blob=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FEED_FRAGMENTS = [
    "Officials said the talks in Vienna would resume on Monday after a\n",
    "break of two weeks, and that both sides expected an agreement soon\n",
    "    The dry period means the temporao will be late this year.\n",
    "Standard Oil Co and BP North America\n", "Inc said they plan to\n", " Reuter\n", "&#3;",
    "&#2;\n", "&#127;", "REUTER...", "\n___\n", "Associated Press writer Jane Doe contributed.\n",
    " Wheat   2.55   2.40       IV     4.65     --\n", " OMAN......18.21......18.25\n",
    "- item one\n", "1. item\n", "&lt;BP>", "&lt;b&gt;", "&lt;/A&gt;", "&amp;#39;", "&amp;",
    " #39;s ", "  quot;", " quot; ", "#36;10", "#151;", "amp;T", "\\", "\\$5", "  ", "   ",
    " ,", " .", " :", "do n't", "China ’s", "it 's", " @-@ ", "--", " -- ", "...", "…", "'", '"',
    "“", "”", "‘", "’", "â€™", "Ã©", "\x85", "\x92", "\x1a", "\ufffd", "\u00ad", "\u200b",
    "e\u0301", "ﬁ", "，", "\x07", "\x1b[1m", "\r\n", "\n", "\n\n", "\t", "\u00a0", "AP - ",
    "(REUTERS)", "word", "Talks", " ", "2.55", "-",
]
FEED_TEXT = st.lists(st.sampled_from(FEED_FRAGMENTS), max_size=30).map("".join)


def _only_inside(original: str, fixed: str, spans) -> None:
    chunks, pos = [], 0
    for s, e in spans:
        chunks.append(original[pos:s])
        pos = e
    chunks.append(original[pos:])
    assert re.fullmatch("(?s)" + "(.*?)".join(re.escape(c) for c in chunks), fixed)


@PROFILE
@given(FEED_TEXT, st.booleans())
@example(REUTERS_STORY, False)
@example(AP_STORY, True)
def test_feed_fix_converges_is_idempotent_and_stays_in_its_spans(text, unsafe):
    res = fix(text, FEED, unsafe=unsafe)
    assert res.converged, res.cycling_rules
    for f in res.remaining:
        assert f.code != "WF000", f.message
        assert 0 <= f.start <= f.end <= len(res.text)
    assert apply_plan(text, FixPlan.from_json(res.plan.to_json())) == res.text
    _only_inside(text, res.text, res.plan.original_spans())
    again = fix(res.text, FEED, unsafe=unsafe)
    assert again.text == res.text and again.applied == 0, again.plan.edits


@PROFILE
@given(FEED_TEXT)
def test_feed_lf_and_crlf_copies_fix_alike(text):
    lf = text.replace("\r", "")
    crlf = lf.replace("\n", "\r\n")
    assert fix(crlf, FEED).text == fix(lf, FEED).text.replace("\n", "\r\n")
