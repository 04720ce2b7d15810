"""The rule families: what each one covers, in catalogue order (code blocks in brackets)."""

FAMILIES: dict[str, str] = {
    "internal": "Problems of wirefix itself or of the input file [WF0xx].",
    "repetition": "Words repeated by a feed or an editing slip [WF01x].",
    "encoding": "Mojibake, HTML and Moses entity debris, control and invisible characters [WF1xx].",
    "whitespace": "Runs of spaces, hard wraps, spaces before punctuation, split contractions [WF2xx].",
    "wire-format": "Datelines, scraper labels, sign-offs, source tags and story edges [WF3xx].",
    "punctuation": "Missing or doubled punctuation, unbalanced quotes, quote and dash style [WF4xx].",
    "contraction": "Contractions that lost their apostrophe and became other words [WF5xx].",
    "possessive": "Possessive apostrophes moved past a letter the name does not have [WF6xx].",
    "sentence-boundary": "Stray full stops that cut a sentence in two [WF7xx].",
    "quotation": "Direct speech that lost its quotation marks [WF8xx].",
    "agreement": "Pronouns that do not agree with who they refer to [WF90x].",
    "consistency": "One story spelling a name or an abbreviation two ways [WF93x].",
    "translation": "What machine translation leaves in English copy: untranslated text, look-alike "
                   "letters, doubled quotation marks, dash attributions, decoder loops, lost words "
                   "[WF94x].",
    "calque": "Word-for-word translations of foreign constructions [WF96x].",
    "capitalization": "Proper names that lost their capitals [WF98x].",
    "grammar": "Grammar and spelling from a LanguageTool server [LT:<RULE_ID>], off by default.",
    "house-style": "Declarative newsroom rules from TOML files [codes chosen by the newsroom].",
}

# Families whose damage is a machine-translation round trip (the precision target of issue 3).
MT_FAMILIES = ("contraction", "possessive", "sentence-boundary", "punctuation", "quotation",
               "agreement", "consistency", "calque", "capitalization")
