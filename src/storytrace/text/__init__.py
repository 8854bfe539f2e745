"""The ground floor: grammars over plain strings.

Numbers and their bounds (numbers, numerals), date expressions (timex, holidays,
dayspan), sentences and quotations (sentences), speech verbs and pronouns (speech), the
framing lexicon (lexicon), a text's lines by kind (segments), sources' names (origins),
and the one spaCy loader (nlp). Nothing here reads a ledger or a file, or imports
anything of storytrace but model.py and unionfind.py.
"""
