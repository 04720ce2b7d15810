"""WF801 stripped-quotation-marks."""
from __future__ import annotations

import bisect
from itertools import accumulate

from wirefix.cleaner.findings import Applicability, Edit, span_fix
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules._shared.analysis import (has_attribution, in_quote, lower_words, quote_pair,
                                            trailing_attribution)
from wirefix.rules.base import Example, Rule
from wirefix.rules.quotation._speech import (
    _ANY_QUOTE, _ATTRIBUTION_ONLY, _COLON_ATTRIBUTION, _ClosedLater,
    _FIRST_PERSON_WORD, _FRONTED_CLAUSE, _GATE, _IT_SAID, _NARRATOR, _NARRATOR_ON_SPEAKER,
    _NOT_PERSON, _PASSIVE_SPEECH, _SHORT_ATTRIBUTION, _SPEECH_MARK, _Tails, _deep_speaker,
    _first_person_before_short_attribution, _goes_on, _has_hit, _left_open, _sentences_of,
    _REPORTED_SPEECH, _plain_attribution, _speaker_verb, _within_words, _word,
    first_person_words, narrator_speaker, present_tense_only, speech_mark_starts,
    strong_marks)


# Before a first-person speaker who opens the sentence: a quotation mark, "And", "But"
_OPENS_SENTENCE = lazy_regex(r"[“\"‘\s]*(?:(?:And|But|So)\s+)?")
# A colon before a capital brings in speech (or a list) of its own
_NEW_COLON = lazy_regex(r":\s+\p{Lu}")
# A sentence that opens with a third-person pronoun or possessive tells of someone
_THIRD_PERSON_START = lazy_regex(r"[“\"‘]?(?:He|She|His|Her|Him|They|Their|Them)(?![\p{L}’'])")


def _speaker_quoted(text, s, speaker) -> bool:
    """Does the first person who speaks in ``speaker`` ("Our members told management ...")
    stand in a quote that a plain attribution of someone else closes (", Moloi said.")? Only
    a speaker who opens the sentence, and not one who was spoken to ("we were told")."""
    if _PASSIVE_SPEECH.search(text, speaker.start(), speaker.end()) \
            or not _OPENS_SENTENCE.fullmatch(text, s.start, speaker.start()):
        return False   # "we were told"; "As we noted Monday, ...": the writer's aside
    comma = trailing_attribution(text, s)
    return comma is not None and speaker.start() < comma \
        and _plain_attribution(text, comma, s.end) and not _NOT_PERSON.match(text, comma)


class StrippedQuotationMarks(Rule):
    """Direct speech that lost its quotation marks: "I believe the foundation of China-US
    relations lies with the people, Xi told Gates."

    ## What it does
    Flags first-person words ("I", "we", "our", "my") in narration, outside quotation marks,
    in a sentence that carries an attribution ("he told reporters", "said Daniel
    Kritenbrink", "Xi told Gates") or follows one in the same paragraph. Where the bounds are
    clear it suggests the quoted version in the story's quote style:
    - the sentence opens in the first person and ends with ", <speaker> said": the quote is
      everything before that comma;
    - a sentence in the first person follows such a quote in the same paragraph: the quote
      is the whole sentence;
    - the sentence holds a lower-case "we", "my", "our" or an "I" (or "us", "me" beside a
      contraction or "you") anywhere before a plain attribution of its own, not in a "who"
      clause, and no "that", "whether" or "if" before that word opens a clause of reported
      speech: the quote is everything before the comma. A plain attribution says only who
      spoke, where and to whom: at most 60 characters from its comma (", Kwak said."), or
      up to 240 with no clause of its own (no "that", no auxiliary or modal, and after
      "said" a preposition or a time: ", Marques told cheering supporters at a hotel
      shortly after midnight."); ", Wilson said the government would act" is not one.
      A contraction or "you" may open the speech ("It’s up to my chest ..., said Siti
      Rahma, a mother of three."), and a contraction of a pronoun may stand anywhere
      before the attribution ("They didn’t surprise anyone, and that’s the point, said
      Helima Croft."), except in the story's first sentence (Reuters-21578: 161 such
      sentences quoted, 0 not; no body opens with a quote);
    - a sentence with no attribution opens with such speech and the paragraph's next
      attribution ends a later sentence ("We’re devastated. These paintings ..., museum
      director Willem de Groot said."): the quote runs from it to that attribution, when
      the sentence has a contraction or "you" and a first-person word stands on the way
      or in the quote's rest after the attribution.
    - a sentence that opens with an attribution and a colon ("Kane said: I feel good."):
      the rest of the sentence, when a first-person word or a contraction stands in it
      and none before the colon ("My grandmother always said:" is the narrator's), and
      the sentences right after it that have one too ("Marx said: On our own, we were too
      small. Together, we can."), up to one that attributes or brings in speech of its own
      with a colon;
    - sentences that open the paragraph, each with a contraction of a pronoun ("They’ll",
      "That’s"), up to a plain attribution that ends the last: all of them;
    - a paragraph with no attribution after one that left its quote open (AP runs a quote
      over paragraphs, reopening each), unless a later paragraph closes that quote (some
      copy does not reopen): the whole paragraph, when it has a first-person word.
    After a quote closed by its attribution, the rest of the paragraph is the quote's
    (“...,” she said. “...”) up to its last sentence with a mark of speech ("We will
    appeal. Shares fell 3 percent." ends the quote at "appeal."): in Reuters-21578 the
    sentence after a paragraph's opening quote and its attribution is a quote 87% of the
    time when it has a mark of speech, 57% when it has none, and 88% when it has none but
    is in the present tense only ("Fuel and labor costs are up."), which then counts as
    speech. A rest with no speech is not quoted; the run-on from the last sentence of
    speech to the paragraph's end is offered as the alternative (sentences without a
    mark after a quote's last marked one are the quote's 14 times and the reporter's 10).
    Never past a narrator
    who saw or met someone ("I watched as she returned", "I met her at the camp") nor
    over a line break. Where the speech and its attribution are a paragraph's second
    sentence and the first has neither ("Releasing them is no concession. It’s the
    minimum, Restrepo said."), the quote opens at the second (Reuters-21578: 144 times,
    against 89 at the paragraph's start), and the paragraph's start is the alternative.
    A paragraph that opens with "..., X said." opened with a quote when its first
    sentence has speech before the comma (a negative contraction is none) and speech
    follows, or has a plain attribution and a first-person word or a contraction of a
    pronoun follows ("Nobody knows them, and they’re the ones ..."): in
    Reuters-21578, such paragraphs quote their first sentence 282 times and paraphrase it
    33 ("The vote was postponed, Mark Ruiz said. We will appeal." quotes both); not when
    it opens with "he", "her", "their" (a paraphrase about the speaker: "He will not seek
    re-election, Sen. Joe Manchin said."). A first-person speaker who opens a sentence
    that someone else's plain attribution closes ("Our members told management ...,
    Moloi said.") is in the quote, not the narrator, unless spoken to ("we were told");
    "As we noted Monday, ..." is the writer's aside.
    An attribution names the speaker with up to ten words of titles and name, particles
    included ("New South Wales Rural Fire Service Commissioner Mark Petrovich", "van der
    Berg", "Layla al-Masri"), a title in lower case before the name ("museum director
    Willem de Groot"), an appositive between commas before the verb ("Ibrahim Danjuma, the
    president of the union, told ...") and abbreviations ("said Dr. João Matias"). The
    narrator's own attribution ("..., I asked people to ...") quotes nobody, nor does one
    that goes on with a clause (", the girl said that ...").
    Otherwise it only flags the first-person words.

    ## Why it happens in wire copy
    Machine translation and HTML-to-text conversion drop quotation marks (often encoded as
    entities or typographic characters). Narration in news copy is in the third person, so
    "I" and "we" outside quotes are a strong sign of speech that lost its marks.

    ## Example
    "I hope this meeting can help, she said in a statement." gets the suggestion
    "“I hope this meeting can help,” she said in a statement."

    ## Fix safety
    Unsafe where the bounds are clear: the source may have quoted only part of the sentence.
    Display (a flag) where they are not, such as a partial quote inside indirect speech.
    Its fixes wait for a pass in which no other rule's fix applies: a contraction that lost
    its apostrophe ("Thats three weeks") is a mark of speech once repaired, so the bounds
    are read on the repaired story.
    A negative contraction ("didn’t", "wasn’t") is common in AP narration ("It wasn’t
    immediately clear how the fire started, spokesman X said."), so it opens no quote on
    its own; a contraction of a pronoun ("It’s", "we’re") or a first-person word must.

    ## Known false positives
    Columns and first-person reporting ("we visited the camp"), roman numerals ("World War I")
    and "US" for the country are skipped; first-person narration next to an attribution in a
    feature story would still be flagged. Where reported speech runs into a partial quote
    without a "that" ("The minister wants the competition we have to stay fair, he said"),
    the whole sentence is suggested as a quote; the suggestion is unsafe for that. A
    sentence of the reporter's with a contraction or "you" after an attribution ("...,
    coach Robert Saleh said. That's a blow the Jets can't absorb.") is taken for the
    quote's rest, and the paraphrase before it for a quote too, as is the paraphrase
    before a columnist's "I think he is right" or a speaker's "It’s too early to say"
    ("Winston left with a shoulder injury, coach Kevin Stefanski said. It’s too early to
    say ..."): Reuters-21578 quotes such a first sentence 16 times against 2 when only a
    contraction follows, 69 against 14 when a first-person word does. After a quote and
    its attribution, a sentence in the present tense only ("Fuel and labor costs are
    up.") is taken for the quote's rest (Reuters-21578: 82 times against 11), so a
    reporter's background there ("Samsung is the world’s largest maker of memory
    chips.") is quoted too. A colon quote takes the rest of its sentence,
    a reporter's trailing clause included ("The minister said: We will not back down,
    according to state media.").
    """

    code = "WF801"
    name = "stripped-quotation-marks"
    family = "quotation"
    applicability = Applicability.DISPLAY
    # contractions are its marks of speech: it reads them once their apostrophes are back
    waits_for_repairs = True
    message = "“{word}” in narration {why}: direct speech that lost its quotation marks?"
    fix_title = "Put the quote in quotation marks"
    examples = (
        Example.bad("I believe the foundation lies with the people, Xi told Gates.",
                    flagged=["I believe the foundation lies with the people,"],
                    fixed="“I believe the foundation lies with the people,” Xi told Gates."),
        Example.bad("We came with a sincere desire, said Daniel Kritenbrink, the top diplomat.",
                    flagged=["We came with a sincere desire,"],
                    fixed="“We came with a sincere desire,” said Daniel Kritenbrink, the top diplomat."),
        # a title in lower case before the speaker's name
        Example.bad("The federation will send pacers. We’d like to see the record come home, "
                    "said federation president Jackson Tuwei.",
                    flagged=["We’d like to see the record come home,"],
                    fixed="The federation will send pacers. “We’d like to see the record come "
                          "home,” said federation president Jackson Tuwei."),
        # a column: the writer's first-person sentences after a paraphrase
        Example.good("The defence let the team down, coach Robert Saleh said afterward. I have "
                     "covered this team for 11 years. I have heard that sentence every year."),
        # "asked for", "added 500 jobs": a speaker's words about deeds, not a narrator
        # reporting speech
        Example.bad("The union signed on Friday. It is not everything we asked for, Iker "
                    "Etxeberria said.", flagged=["It is not everything we asked for,"],
                    fixed="The union signed on Friday. “It is not everything we asked for,” "
                          "Iker Etxeberria said."),
        Example.good("As I asked for the file, the clerk said it was lost."),
        Example.good("As we noted a year ago, the mill has lost money in nine of the last 10 "
                     "years, owner Georgia-Pacific said."),
        Example.good("Hours after we posted the video on Tuesday, YouTube took it down, "
                     "company spokeswoman Ivy Choi said."),
        # the team or company the lower-case title belongs to, before it
        Example.bad("We were not good enough at the breakdown, Bordeaux head coach Pierre "
                    "Dufour said. My players gave everything.",
                    flagged=["We were not good enough at the breakdown,",
                             "My players gave everything."],
                    fixed="“We were not good enough at the breakdown,” Bordeaux head coach "
                          "Pierre Dufour said. “My players gave everything.”"),
        Example.good("It was, I believe team manager Kenny Dalglish said at the time, the "
                     "club’s darkest day."),
        Example.good("The ceasefire will hold, Hamas political bureau member Bassem Naim said. "
                     "Our correspondent in Gaza reported shelling overnight."),
        Example.bad("I believe it, Xi told Gates. In this situation, we can work together.",
                    flagged=["I believe it,", "In this situation, we can work together."],
                    fixed="“I believe it,” Xi told Gates. “In this situation, we can work together.”"),
        Example.bad("The United States wants to ensure that the competition we have does not "
                    "escalate, he told reporters.", flagged=["we"]),
        Example.bad('I hope this helps, she said in a statement.', flagged=["I hope this helps,"],
                    fixed='"I hope this helps," she said in a statement.', options={"quotes": "straight"}),
        # a pronoun's contraction deep in a sentence closed by a plain attribution; not in
        # the story's first sentence (a lede) nor after "that"
        Example.bad("OPEC kept output steady. They didn’t surprise anyone, and that’s the "
                    "point, said Helima Croft of RBC Capital Markets.",
                    flagged=["They didn’t surprise anyone, and that’s the point,"],
                    fixed="OPEC kept output steady. “They didn’t surprise anyone, and that’s "
                          "the point,” said Helima Croft of RBC Capital Markets."),
        Example.good("Radar images of Titan are raising more questions than they’re "
                     "answering, NASA scientists said."),
        Example.good("The talks ended early. Officials agreed that it’s too soon to lift the "
                     "curbs, Lee said."),
        # a first-person word deep in the sentence, before a short attribution of its own
        Example.bad("Orders came in far faster than we planned, Lee said on Tuesday.",
                    flagged=["Orders came in far faster than we planned,"],
                    fixed="“Orders came in far faster than we planned,” Lee said on Tuesday."),
        # a contraction opens the speech; narration comes first in the paragraph
        Example.bad("Growers met on Monday. It’s worse than my father ever saw, said Ana Ruiz, "
                    "a grower in Jaén.",
                    flagged=["It’s worse than my father ever saw,"],
                    fixed="Growers met on Monday. “It’s worse than my father ever saw,” said Ana "
                          "Ruiz, a grower in Jaén."),
        # "give us" in a sentence with its own attribution is the speaker's, not a narrator's
        Example.bad("The union rejected the offer on Monday. They won’t give us a fair deal, "
                    "Ortiz said.", flagged=["They won’t give us a fair deal,"],
                    fixed="The union rejected the offer on Monday. “They won’t give us a fair "
                          "deal,” Ortiz said."),
        # a longer attribution that only says who spoke, where and to whom
        Example.bad("The people asked for change, and we’ll deliver it, Marques told cheering "
                    "supporters at a Lisbon hotel shortly after midnight.",
                    flagged=["The people asked for change, and we’ll deliver it,"],
                    fixed="“The people asked for change, and we’ll deliver it,” Marques told "
                          "cheering supporters at a Lisbon hotel shortly after midnight."),
        # speech that opens a sentence with no attribution and runs to one at the end of the
        # next; a title in lower case and a name with a particle
        Example.bad("We’re devastated. These paintings hung here for 150 years, museum director "
                    "Willem de Groot said.",
                    flagged=["We’re devastated. These paintings hung here for 150 years,"],
                    fixed="“We’re devastated. These paintings hung here for 150 years,” museum "
                          "director Willem de Groot said."),
        # commas inside the quote: ", Switzerland, in June," is no appositive
        Example.bad("We will meet again in Geneva, Switzerland, in June, said Ana Ruiz.",
                    flagged=["We will meet again in Geneva, Switzerland, in June,"],
                    fixed="“We will meet again in Geneva, Switzerland, in June,” said Ana Ruiz."),
        # an abbreviation in the attribution, an appositive before the verb, "us" beside a
        # contraction
        Example.bad("We don’t have enough beds, said Dr. João Matias, the head of a clinic.",
                    flagged=["We don’t have enough beds,"],
                    fixed="“We don’t have enough beds,” said Dr. João Matias, the head of a clinic."),
        Example.bad("This is a dangerous fire, and it isn’t finished with us yet, Ibrahim "
                    "Danjuma, the fire chief, told reporters.",
                    flagged=["This is a dangerous fire, and it isn’t finished with us yet,"],
                    fixed="“This is a dangerous fire, and it isn’t finished with us yet,” Ibrahim "
                          "Danjuma, the fire chief, told reporters."),
        # an attribution that goes on with a clause of reported speech: nothing is clear
        Example.good("Prices rose, and our analysts expect more, Wilson said the government "
                     "would act."),
        Example.good("I looked at her interview, the girl said that her dream was to fly."),
        # the quote runs on after the attribution, to its last sentence of speech
        Example.bad("It’s like going back 30 years, surgeon Ana Lima said. We can do the work.",
                    flagged=["It’s like going back 30 years,", "We can do the work."],
                    fixed="“It’s like going back 30 years,” surgeon Ana Lima said. “We can do "
                          "the work.”"),
        # a paragraph that opens "..., X said." and goes on in the first person quoted its
        # first sentence too; the rest ends with its last sentence of speech (the run-on to
        # the paragraph's end is the alternative)
        Example.bad("The vote was postponed, Mark Ruiz said. We will appeal. Shares fell 3 "
                    "percent in early trading.",
                    flagged=["The vote was postponed,",
                             "We will appeal. Shares fell 3 percent in early trading."],
                    fixed="“The vote was postponed,” Mark Ruiz said. “We will appeal.” Shares "
                          "fell 3 percent in early trading."),
        # after a quote and its attribution, a sentence in the present tense only is the
        # quote's rest (Reuters-21578: 82 against 11); one in the past tense is not
        Example.bad("We’re not taking the recovery for granted, Goh said. Fuel and labor "
                    "costs are up, and competition is coming back.",
                    flagged=["We’re not taking the recovery for granted,",
                             "Fuel and labor costs are up, and competition is coming back."],
                    fixed="“We’re not taking the recovery for granted,” Goh said. “Fuel and "
                          "labor costs are up, and competition is coming back.”"),
        Example.bad("We are investigating, spokeswoman Ana Ruiz said. Shares fell 3 percent "
                    "on the news.", flagged=["We are investigating,"],
                    fixed="“We are investigating,” spokeswoman Ana Ruiz said. Shares fell 3 "
                          "percent on the news."),
        Example.bad("A loan is still a loan, Sanchez said afterward. Nobody can promise us rain.",
                    flagged=["A loan is still a loan,", "Nobody can promise us rain."],
                    fixed="“A loan is still a loan,” Sanchez said afterward. “Nobody can promise "
                          "us rain.”"),
        # ... or goes on with a pronoun's contraction, which narration does without (the
        # first sentence quoted 16 times against 2 in Reuters-21578); not where the first
        # sentence tells of the speaker ("He will not seek ...")
        Example.bad("Luis is a special player, van der Berg said. He works hard, and that’s "
                    "why the goals come.",
                    flagged=["Luis is a special player,",
                             "He works hard, and that’s why the goals come."],
                    fixed="“Luis is a special player,” van der Berg said. “He works hard, and "
                          "that’s why the goals come.”"),
        Example.bad("He will not seek re-election, Sen. Joe Manchin said. It’s time for me to "
                    "come home.", flagged=["It’s time for me to come home."],
                    fixed="He will not seek re-election, Sen. Joe Manchin said. “It’s time for "
                          "me to come home.”"),
        # sentences that each have a pronoun's contraction, up to an attribution
        Example.bad("They’ll be held for ransom. That’s what usually happens, said Jeroen Haas, "
                    "a former detective.",
                    flagged=["They’ll be held for ransom. That’s what usually happens,"],
                    fixed="“They’ll be held for ransom. That’s what usually happens,” said Jeroen "
                          "Haas, a former detective."),
        Example.good("Prices will rise. They won’t fall soon, analysts at the bank said."),
        # the first person after a quote closed by its attribution is the quote's rest,
        # marked or not
        Example.bad("I didn’t let go, Juma said from a hospital bed. I can’t swim. A man "
                    "pulled us onto a boat.",
                    flagged=["I didn’t let go,", "I can’t swim. A man pulled us onto a boat."],
                    fixed="“I didn’t let go,” Juma said from a hospital bed. “I can’t swim. A man "
                          "pulled us onto a boat.”"),
        # the first person that speaks in a quote closed by someone else's attribution
        Example.bad("Our members told management the ground was moving, Moloi said. The mine "
                    "collapsed two days later.",
                    flagged=["Our members told management the ground was moving,"],
                    fixed="“Our members told management the ground was moving,” Moloi said. The "
                          "mine collapsed two days later."),
        # ... opening with "And" or "But"
        Example.bad("And our members told management the ground was moving, Moloi said.",
                    flagged=["And our members told management the ground was moving,"],
                    fixed="“And our members told management the ground was moving,” Moloi "
                          "said."),
        # "said here on Monday" is a plain attribution; "told her husband, Mark, to" none
        Example.bad("We will not allow any compromise, Defence Minister Rajnath Singh said "
                    "here on Monday.", flagged=["We will not allow any compromise,"],
                    fixed="“We will not allow any compromise,” Defence Minister Rajnath Singh "
                          "said here on Monday."),
        Example.good("That’s when Maria grabbed the phone, told her husband, Mark, to get the "
                     "kids out and ran back inside."),
        # a continued quote needs a first-person word (the mark before may be a mixed one)
        Example.good("Rescue crews worked through the night. “The water came so fast,\" said "
                     "resident Ana Lopez.\n\nYou can donate to the relief fund online."),
        # a speaker named after a possessive and a title
        Example.bad("What’s changed this year is patience, said his coach, Ramesh Srinivasan.",
                    flagged=["What’s changed this year is patience,"],
                    fixed="“What’s changed this year is patience,” said his coach, Ramesh "
                          "Srinivasan."),
        # the first-person word of a quote that opened a sentence earlier may come after
        # the attribution
        Example.bad("It’s no living wage. It’s that simple, union leader Ibrahim Danjuma told "
                    "protesters. We’re not going back.",
                    flagged=["It’s no living wage. It’s that simple,", "We’re not going back."],
                    fixed="“It’s no living wage. It’s that simple,” union leader Ibrahim Danjuma "
                          "told protesters. “We’re not going back.”"),
        # a negative contraction is no mark of speech on its own: AP narration uses them
        Example.good("ATHENS, Greece (AP) — Firefighters battled a wildfire on Sunday. It wasn’t "
                     "immediately clear how the fire started, fire service spokesman Yiannis "
                     "Artopios said."),
        Example.good("Residents who haven’t evacuated should leave now, Gov. Ron DeSantis said."),
        Example.good("James didn’t practice Thursday, coach Darvin Ham said."),
        Example.good("Mayor Karen Bass said last week that the budget was balanced. I disagree."
                     "\n\nThe city has run a deficit for three years.\n\nTom Alvarez"),
        # ... and not into the narrator's meeting with the speaker
        Example.good("The camp has no clinic, we were told, Amina Yusuf said. I met her at the "
                     "camp in June."),
        # speech after the attribution, first person further on: the paragraph opened
        # with a quote
        Example.bad("From the air, it’s a line of fire, Magnusdottir said. The flow is moving "
                    "west. But we can’t promise it will stay that way.",
                    flagged=["From the air, it’s a line of fire,",
                             "The flow is moving west. But we can’t promise it will stay that way."],
                    fixed="“From the air, it’s a line of fire,” Magnusdottir said. “The flow is "
                          "moving west. But we can’t promise it will stay that way.”"),
        # AP runs a quote over paragraphs: the one before left it open
        Example.bad("“I took a risk,” Bach said. “It was the wrong risk.\n\nArjun deserves this, "
                    "and I’ll go home and study.\n\nThe match ended on Monday.",
                    flagged=["Arjun deserves this, and I’ll go home and study."],
                    fixed="“I took a risk,” Bach said. “It was the wrong risk.\n\n“Arjun deserves "
                          "this, and I’ll go home and study.”\n\nThe match ended on Monday."),
        Example.good("Her new novel, “The Quiet Years, is set in Odessa in 1941.\n\nI read it "
                     "in one sitting on a train to Lviv."),
        # ... but not where a later paragraph closes it: the copy did not reopen the quote
        Example.good("Biden said, “We know the tasks are hard.\n\nBut we also know that we can "
                     "meet them.\n\nA dictatorship can never win.”\n\nHe left on Friday."),
        # a fronted subordinate clause is no quote; "told me" after the comma is narration
        Example.good("When I called on Friday, company spokeswoman Anna de Vries said the "
                     "plant was closed."),
        Example.good("As I left the courtroom, defence lawyer Jan van der Linden told me he "
                     "would appeal."),
        # speech marks are needed where no attribution closes the sentence itself
        Example.good("I spent a week in Kherson this month. The shelling has not stopped, "
                     "Oleksandr Prokudin said."),
        Example.good("Like many of my neighbours, I voted for change, as President Joe Biden "
                     "urged."),
        Example.good("My Lai survivors gathered at the memorial on Monday, museum director "
                     "Pham Thanh Cong said."),
        # the narrator's own attribution ("I explained", "I asked") quotes nobody
        Example.good("During my opening statement, I explained to the jury that spam is no crime."),
        Example.good("A few weeks ago, in a story on Nortel, I asked people to send a joke to me. "
                     "This is as good a place as any to reveal the winner."),
        Example.good("“I believe the foundation lies with the people,” Xi told Gates."),
        # after an attribution and a colon the speech runs to the paragraph's end
        Example.bad("Wang Yi said: We are willing to work with the United States.",
                    flagged=["We are willing to work with the United States."],
                    fixed="Wang Yi said: “We are willing to work with the United States.”"),
        # ... past a speech verb inside the speech ("a promise")
        Example.bad("Kimaro said: We will hold people to account. It’s a promise to every "
                    "family.",
                    flagged=["We will hold people to account. It’s a promise to every family."],
                    fixed="Kimaro said: “We will hold people to account. It’s a promise to every "
                          "family.”"),
        # a long attribution with a possessive in it is still only an attribution
        Example.bad("The relationship matters more than we admit, Xi told Blinken in the Great "
                    "Hall of the People during Blinken’s two-day visit.",
                    flagged=["The relationship matters more than we admit,"],
                    fixed="“The relationship matters more than we admit,” Xi told Blinken in the "
                          "Great Hall of the People during Blinken’s two-day visit."),
        # ... but not over a sentence without speech, nor one that brings in its own
        Example.bad("Kane said: I feel good. England play Italy on Sunday.",
                    flagged=["I feel good."],
                    fixed="Kane said: “I feel good.” England play Italy on Sunday."),
        Example.bad("Macron said: We will not abandon Ukraine. Scholz was more cautious: "
                    "Escalation must be avoided.",
                    flagged=["We will not abandon Ukraine."],
                    fixed="Macron said: “We will not abandon Ukraine.” Scholz was more cautious: "
                          "Escalation must be avoided."),
        # ... over its sentences, to the next attribution; an abbreviation before the colon
        Example.bad("Dr. Zanele Mokoena, the chief inspector, said: It’s too early. We will "
                    "look at the data. Nobody should guess, she said.",
                    flagged=["It’s too early. We will look at the data."],
                    fixed="Dr. Zanele Mokoena, the chief inspector, said: “It’s too early. We "
                          "will look at the data.” Nobody should guess, she said."),
        # the writer's asides and reported speech after "said there", "said afterward that"
        Example.good("As we noted Monday, the mill will close in March, owner Georgia-Pacific "
                     "said."),
        Example.good("During our interview on Tuesday, Wilson said there were no plans to sell "
                     "the team."),
        Example.good("Despite our objections, Ruiz said afterward that the vote stands."),
        Example.good("My grandmother always said: Never waste bread. I still can’t throw away "
                     "a crust.\n\nI keep string too. I learned that from her."),
        Example.good("Health cards will be merged into the My Number cards from December, "
                     "Digital Minister Taro Kono said. The bloc joined Our Ukraine, he said."),
        Example.good("A guard told me to wait. We waited for an hour, the driver said later."),
        Example.good("The veterans of World War I marched, the mayor said."),
        Example.good("It sold the HP Draftmasters I and II models, the company said."),
        Example.good("A bauxite mine at Moengo was shut, he added."),
        Example.good("US officials said the talks would go on."),
        Example.good("We visited the camp on Monday and found it empty."),
    )

    def check(self, doc, ctx):
        text = doc.text
        # Every first-person word and mark of speech of the story, found once. A sentence
        # ends before white space, so these are exactly the matches first_person_words finds
        # sentence by sentence; sentences and paragraphs without one are passed over.
        hits = [m.start() for m in _FIRST_PERSON_WORD.finditer(text)] \
            if not _GATE.isdisjoint(lower_words(doc)) else []
        if "’" in text or "'" in text or "you" in text or "You" in text:
            hits = sorted(hits + speech_mark_starts(text))
        if not hits:
            return
        plans = []
        orphans = attributed = 0
        paragraphs = doc.paragraphs
        closed_later = _ClosedLater(text, paragraphs)
        for k, p in enumerate(paragraphs):
            first_hit = bisect.bisect_left(hits, p.start)
            if first_hit == len(hits) or hits[first_hit] >= p.end:
                continue  # no first-person word: nothing to flag in this paragraph
            if _ANY_QUOTE.search(text, p.start, p.end):
                continue  # the paragraph still quotes: its marks were not stripped
            rows = self._sentences(doc, p, hits)
            tails = _Tails(text, rows)
            # AP runs a quote over paragraphs: the one before left its quote open (no
            # closing mark), so this one, with no attribution, goes on with it
            continued = k > 0 and not any(r[1] for r in rows) \
                and _left_open(text, paragraphs[k - 1]) and not closed_later(k + 1)
            quoted = False   # the paragraph has had a quote closed by its attribution
            speech = False   # speech since the paragraph's last attribution
            for i, (_, own, words, marks, _) in enumerate(rows):
                if words:
                    # attributed: by its own sentence or the previous one, by the quote
                    # the paragraph before left open, by a quote its attribution closed
                    # earlier in the paragraph (AP runs a quote on after “...,” she said.);
                    # and, when the sentence has a contraction or "you" of speech too, by
                    # an attribution that ends a later sentence. (Not by an attributed
                    # first-person sentence before it: "..., coach Robert Saleh said. I
                    # have covered this team for 11 years. I have heard ..." is a column.)
                    if own or (i and rows[i - 1][1]) or continued or quoted or \
                            marks and tails.ahead(i) is not None:
                        attributed += 1
                    else:
                        orphans += 1
                if own:
                    comma = tails(i)
                    quoted = quoted or comma is not None and (speech or any(
                        m.start() < comma for m in words + marks))
                    speech = False
                else:
                    speech = speech or bool(words or marks)
            plans.append((rows, tails, continued))
        # First person throughout without a speaker (a column, a blog, a forum post, a
        # review, testimony): the narrator's own voice, not a stripped quotation. (A
        # sentence after a quote that its attribution closed, in the same paragraph, is
        # attributed: AP runs the quote on after “...,” she said.)
        if orphans >= 2 or (orphans and orphans >= attributed) or \
                _NARRATOR.search(text) and self._narrated(doc):
            return
        opening, closing = quote_pair(doc, ctx.option("quotes", "follow"))
        for rows, tails, continued in plans:
            if continued and any(r[2] for r in rows):
                yield from self._continued(text, rows, opening, closing)
            else:
                yield from self._paragraph(text, rows, tails, opening, closing)

    @staticmethod
    def _narrated(doc) -> bool:
        """Is a "told me"/"to me" of the story in narration: outside quotation marks, and not
        before the comma of a sentence's trailing attribution ("They won't give us a straight
        answer, Dadgostar said." is a quote that lost its marks; "..., the lawyer told me he
        would appeal" is the narrator's)?"""
        commas: dict[int, int | None] = {}   # per sentence: a run of "told me" is read once
        for m in _NARRATOR.finditer(doc.text):
            if in_quote(doc, m.start()):
                continue
            s = doc.sentence_at(m.start())
            if s is not None:
                if s.start not in commas:
                    commas[s.start] = trailing_attribution(doc.text, s)
                comma = commas[s.start]
                if comma is not None and m.start() < comma:
                    continue   # the speaker's words; "..., X told me" is the narrator's
            return True
        return False

    @staticmethod
    def _sentences(doc, p, hits):
        """(sentence, has an attribution, first-person words in narration) for each
        sentence of the paragraph."""
        text = doc.text
        rows = []
        for s in _sentences_of(doc, p):
            verb = _speaker_verb(text, s) if has_attribution(text, s) else None
            own = verb is not None
            words = first_person_words(doc, s.start, s.end) if _has_hit(hits, s.start, s.end) else []
            if words and (text[s.start:s.end].rstrip().endswith("?")
                          or (me := narrator_speaker(text, s.start, s.end))
                          and not _speaker_quoted(text, s, me)):
                own = False  # the narrator speaks, or asks: no one else is quoted here
            marks = [m for m in _SPEECH_MARK.finditer(text, s.start, s.end)
                     if not in_quote(doc, m.start())]
            rows.append((s, own, words, marks, verb))
        return rows

    def _paragraph(self, text, rows, tail: _Tails, opening, closing):
        i = 0
        n = len(rows)
        # with_words[k]: how many of the first k rows have a first-person word
        with_words = [0, *accumulate(1 if r[2] else 0 for r in rows)]

        while i < n:
            s, own, words, marks, verb = rows[i]
            prev_own = i > 0 and rows[i - 1][1]
            speech = words or marks
            if own:
                found = self._after_colon(text, rows, i, opening, closing)
                if found is not None:
                    yield found[0]
                    i = found[1]
                    continue
            if not speech and not (i == 0 and own and self._opens(text, rows, i, tail, False,
                                                                   with_words)):
                if prev_own and (comma := tail(i - 1)) is not None and \
                        len(text[comma:rows[i - 1][0].end].rstrip()) <= _SHORT_ATTRIBUTION \
                        and self._continuation_speaks(rows, i, with_words):
                    # “...,” she said. “The flow is moving west. But we can’t promise ...”
                    i = yield from self._after_attribution(text, rows, i, opening, closing)
                    continue
                i += 1
                continue
            # speech may open in a sentence with no attribution and run to one that ends a
            # later sentence ("We’re devastated. These paintings ..., museum director Willem
            # de Groot said."): only where that sentence has a contraction or "you" (which
            # narration does without) and a first-person word stands on the way ("I spent
            # a week in Kherson." is a reporter's)
            later = None
            if not (own or prev_own):
                # (a negative contraction only beside a first-person word: "It wasn’t
                # immediately clear" is AP narration)
                later = tail.ahead(i) if strong_marks(marks) or marks and words else None
                if later is None or with_words[later + 1] == with_words[i] and not \
                        self._continuation_speaks(rows, later + 1, with_words) and not \
                        self._contracted_run(text, rows, i, later, tail):
                    # (the first-person word may also come in the quote's rest after the
                    # attribution: “Workers can’t live on it. It’s that simple,” X said.
                    # “We’re not going back.”)
                    i += 1
                    continue
            if not speech:
                # “A loan is still a loan,” Sanchez said. “What we need is rain ...”: the
                # speech is named for the first mark of the quote's rest
                j = next((k for k in range(i + 1, n) if rows[k][1]), n)
                speech = [m for r in rows[i + 1:j] for m in r[2] + r[3]]
            first = min(speech, key=lambda m: m.start())
            opens = self._opens(text, rows, i, tail, later is not None, with_words)
            if later is not None and not opens:
                i += 1   # no clear start: the later sentence is judged on its own
                continue
            # 1. speech that opens the sentence and runs to a trailing attribution, in this
            #    sentence or a later one of the paragraph: "We came ... We want ..., said X."
            if opens and (i == 0 or not own or tail(i) is not None):
                j = tail.stop(i)
                if j is not None and (comma := tail(j)) is not None \
                        and not _NOT_PERSON.match(text, comma) \
                        and not _goes_on(text[comma:rows[j][0].end]) \
                        and not (j == i and _FRONTED_CLAUSE.fullmatch(text, s.start, comma + 1)) \
                        and (any(r[2] for r in rows[i:j + 1]) or not _IT_SAID.match(text, comma)):
                    quote = text[s.start:comma + 1]
                    if "\n" in quote:   # a title line above: "Earbuds - $49\nYou’ll love it,"
                        i += 1
                        continue
                    # a paragraph's second sentence: the quote may open with the first,
                    # which has no mark of speech and no attribution ("Releasing them is no
                    # concession. It's the minimum, Restrepo said."). Reuters-21578 opens
                    # such a quote at the second sentence 144 times and at the paragraph's
                    # start 89 (bench/quote_shapes.py, section 6): the first is offered
                    # beside it
                    earlier = rows[0][0].start if i == 1 and not (
                        rows[0][1] or rows[0][2] or rows[0][3]) \
                        and "\n" not in text[rows[0][0].start:s.start] else None
                    yield self._quoted(text, s.start, comma + 1, [first], opening, closing,
                                       "before an attribution", earlier=earlier)
                    i = j + 1
                    # what follows the attribution may be the rest of the quote (AP:
                    # “...,” she said. “...”), up to its last sentence of speech. In
                    # Reuters-21578, after a paragraph's opening quote and its attribution,
                    # a next sentence with a mark of speech is a quote 141 times and the
                    # reporter’s 22; one without, a quote 158 times and the reporter’s 121
                    # (bench/quote_shapes.py): the run-on to the paragraph's end is only
                    # offered beside it
                    if i < n and not rows[i][1]:
                        i = yield from self._after_attribution(text, rows, i, opening, closing,
                                                               run_on=True)
                    continue
            # 2. speech after a sentence that is only an attribution, or after a quote
            #    closed by one ("Xi told Gates."): to the paragraph's end or the next
            #    attribution
            if not own and i > 0 and self._ends_in_attribution(text, rows[i - 1]):
                i = yield from self._after_attribution(text, rows, i, opening, closing)
                continue
            # a fronted clause, or an attribution that goes on with reported speech ("I
            # looked at her interview, the girl said that ..."): the narrator's words
            fronted = own and (comma := tail(i)) is not None and (
                _FRONTED_CLAUSE.fullmatch(text, s.start, comma + 1) is not None
                or _goes_on(text[comma:s.end]))
            # after reported speech ("Mayor Karen Bass said last week that the budget was
            # balanced. I disagree."), the first person is the writer's
            reported = not own and prev_own and tail(i - 1) is None and \
                _REPORTED_SPEECH.search(text, rows[i - 1][0].start, rows[i - 1][0].end)
            if words and not fronted and not reported and (not own or tail(i) is not None
                                                           or words[0].start() > verb):
                # unclear bounds: flag the first-person words only, where they follow the
                # speech verb ("Biden told reporters ... the differences we have") or a
                # trailing attribution closes the sentence
                last = words[-1]
                why = "beside an attribution" if own else "after an attribution"
                yield self.finding(words[0].start(), last.end(), word=words[0].group(1), why=why)
            i += 1

    def _quoted(self, text, start: int, end: int, speech, opening, closing, why: str,
                longer: int | None = None, earlier: int | None = None):
        """The unsafe suggestion that puts ``text[start:end]`` (its trailing white space
        left out) in quotation marks, named for its first mark of speech; ``longer``: the
        end of a longer quote offered as the alternative; ``earlier``: the start of one."""
        body = text[start:end].rstrip()
        word = _word(min(speech, key=lambda m: m.start())) if speech else body.split()[0]
        if earlier is not None and earlier < start:
            stop = start + len(body)
            fixes = [span_fix(start, stop, opening + body + closing, Applicability.UNSAFE,
                              self.fix_title),
                     span_fix(earlier, earlier, opening, Applicability.UNSAFE,
                              "Quote from the paragraph’s start", extra=[Edit(stop, stop, closing)])]
            return self.finding(start, stop, fixes=fixes, word=word, why=why)
        long = text[start:longer].rstrip() if longer is not None else body
        if len(long) <= len(body):
            return self.finding(start, start + len(body), [opening + body + closing],
                                applicability=Applicability.UNSAFE, word=word, why=why)
        end = start + len(long)
        fixes = [span_fix(start, end, opening + body + closing + text[start + len(body):end],
                          Applicability.UNSAFE, self.fix_title),
                 span_fix(start, end, opening + long + closing, Applicability.UNSAFE,
                          "Quote on to the paragraph’s end")]
        return self.finding(start, end, fixes=fixes, word=word, why=why)

    def _after_colon(self, text, rows, i: int, opening, closing):
        """"Wang Yi said: We are willing to ...": the speech runs from the colon to the
        sentence's end, when a first-person word or a contraction stands after the colon,
        and on over the sentences after it that have one too; not where the narrator's own
        speaks ("My grandmother always said:"). (Of the 179 closed colon quotes in
        Reuters-21578 bodies, 160 close at the paragraph's end, bench/quote_shapes.py, but
        a sentence without a mark of speech after the colon's may be the reporter's.)
        (finding, the row to go on from), or None."""
        s = rows[i][0]
        colon = _COLON_ATTRIBUTION.match(text, s.start, s.end)
        if colon is None or _FIRST_PERSON_WORD.search(text, s.start, colon.end()):
            return None
        speech = [m for m in rows[i][2] + rows[i][3] if m.start() >= colon.end()]
        if not speech:
            return None
        j = i + 1
        # on over the sentences that have speech too ("Together, we can."), up to one that
        # ends in an attribution or brings in speech of its own with a colon ("Scholz was
        # more cautious: We must ..."); a sentence without speech may be the reporter's
        # again ("Kane said: I feel good. England play Italy on Sunday.")
        while j < len(rows) and (rows[j][2] or rows[j][3]) and not (rows[j][1] and (
                trailing_attribution(text, rows[j][0]) is not None)) and \
                not _NARRATOR_ON_SPEAKER.search(text, rows[j][0].start, rows[j][0].end) and \
                not _NEW_COLON.search(text, rows[j][0].start, rows[j][0].end):
            speech += rows[j][2] + rows[j][3]
            j += 1
        if "\n" in text[colon.end():rows[j - 1][0].end].strip():
            return None
        return self._quoted(text, colon.end(), rows[j - 1][0].end, speech, opening, closing,
                            "after an attribution"), j

    def _opens(self, text, rows, i: int, tail: _Tails, later: bool, with_words) -> bool:
        """Does row ``i``'s sentence open with speech? Its first mark of speech stands
        within its first three words (a contraction or "you" may come before the
        first-person word: "It’s up to my chest ..., said Siti Rahma."); or a speaker's
        first-person word stands deeper, before a plain attribution of its own (or, when
        ``later``, one that ends a later sentence); or the paragraph opens with a sentence
        closed by its attribution, with speech before its comma and first-person speech
        after it: AP's “...,” she said. “...”, so the first part was a quote too."""
        s, own, words, marks, _ = rows[i]
        opening_marks = words + strong_marks(marks)
        if opening_marks and _within_words(
                text, s.start, min(opening_marks, key=lambda m: m.start()).start(), 3):
            return True
        if later:
            if _deep_speaker(text, s, words, marks) is not None:
                return True
        elif _first_person_before_short_attribution(text, s, own, words, marks, tail(i)):
            return True
        if i != 0 or not own or (comma := tail(i)) is None:
            return False
        # speech before the comma and speech in the rest up to the next attribution; or a
        # plain attribution and, in the rest, a first-person word or a contraction of a
        # pronoun (a negative contraction counts for no speech: "Patel hasn't missed a
        # session, said his coach, X."). In Reuters-21578, a paragraph that opens with
        # "..., he said." and goes on with a quote quoted its first sentence too 282 times
        # and paraphrased it 33; where that sentence has no mark of speech, 69 against 14
        # when the quote after it has a first-person word, 16 against 2 when it has only a
        # contraction or "you" (bench/quote_shapes.py, section 1). Not
        # where the first sentence opens with "he", "her", "their" ...: a paraphrase about
        # the speaker ("He will not seek re-election, Sen. Joe Manchin said.")
        if any(m.start() < comma for m in opening_marks):
            return self._rest_speaks(rows, i + 1)
        return _plain_attribution(text, comma, s.end) \
            and not _THIRD_PERSON_START.match(text, s.start) \
            and self._rest_speaks(rows, i + 1)

    def _continued(self, text, rows, opening, closing):
        """A paragraph that goes on with the quote the paragraph before left open: quoted
        whole (it may leave the quote open again, which the editor sees)."""
        speech = [w for r in rows for w in r[2] + r[3]]
        yield self._quoted(text, rows[0][0].start, rows[-1][0].end, speech, opening, closing,
                           "after a paragraph that left its quote open")

    @staticmethod
    def _continuation_speaks(rows, i: int, with_words) -> bool:
        """Do the sentences from ``i`` to the next attribution (or the paragraph's end)
        hold a first-person word?"""
        j = i
        while j < len(rows) and not rows[j][1]:
            j += 1
        return j > i and with_words[j] > with_words[i]

    @staticmethod
    def _contracted_run(text, rows, i: int, later: int, tail: _Tails) -> bool:
        """Does the paragraph open with sentences that each have a contraction of a pronoun
        (which AP narration does without) up to a plain attribution that ends the last
        ("They’ll be held for ransom. That’s what usually happens, said Jeroen Haas.")?"""
        return i == 0 and all(strong_marks(r[3]) for r in rows[i:later + 1]) \
            and (comma := tail(later)) is not None \
            and _plain_attribution(text, comma, rows[later][0].end)

    @staticmethod
    def _rest_speaks(rows, i: int) -> bool:
        """Do the sentences from ``i`` to the next attribution hold a first-person word or a
        contraction of a pronoun ("they’re"), as a quote's rest does?"""
        j = i
        while j < len(rows) and not rows[j][1]:
            if rows[j][2] or strong_marks(rows[j][3]):
                return True
            j += 1
        return False

    @staticmethod
    def _ends_in_attribution(text, row) -> bool:
        s, own, words, marks, _ = row
        if not own:
            return False
        if trailing_attribution(text, s) is not None:
            return True
        return not words and _ATTRIBUTION_ONLY.match(text, s.start, s.end) is not None

    def _after_attribution(self, text, rows, i, opening, closing, run_on=False):
        """Quote the sentences from ``i`` up to the paragraph's end or the next one with an
        attribution, ended with its last sentence of speech, with the quote of them all as
        the alternative; returns where to go on. ``run_on``: after a quote that opened the
        paragraph, where AP runs the quote on (“...,” Goh said. “Fuel and labor costs are
        up.”), a sentence in the present tense only counts as speech."""
        j = i
        while j < len(rows) and not rows[j][1]:
            if _NARRATOR_ON_SPEAKER.search(text, rows[j][0].start, rows[j][0].end):
                break   # "I watched as she returned to the ward.": the narrator again
            j += 1
        nxt = j

        def speaks(row) -> bool:
            return bool(row[2] or row[3]) or run_on and present_tense_only(
                text, row[0].start, row[0].end)
        # the quote ends with its last sentence of speech: "We are investigating, the
        # company said in a statement. Shares fell 3 percent." is the reporter's again
        while j > i and not speaks(rows[j - 1]):
            j -= 1
        if j == i or "\n" in text[rows[i][0].start:rows[nxt - 1 if run_on else j - 1][0].end
                                   ].strip():
            return nxt   # no speech left, or a line break: a list, a title, not a quote
        speech = [w for r in rows[i:j] for w in r[2] + r[3]]
        why = "after an attribution" if speech else "in the present tense after a quote"
        last, whole = rows[j - 1][0].end, rows[nxt - 1][0].end
        # the quote closes after its last sentence of speech; running it on over the
        # sentences without one to the paragraph's end is the alternative. In
        # Reuters-21578, where a quote opened after "..., he said." has such sentences
        # after its last marked one, they are the quote's 14 times and the reporter's 10
        # (bench/quote_shapes.py, section 7: "He declined to elaborate.", "Among individual
        # states, ..."), and the reporter's words in a quote are the worse mistake
        longer = whole if j < nxt and "\n" not in text[rows[i][0].start:whole].strip() \
            else None
        yield self._quoted(text, rows[i][0].start, last, speech, opening, closing, why, longer)
        return nxt
