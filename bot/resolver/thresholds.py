"""Every number the resolver decides with, each with the reason it has its value.

Scores are on a 0-100 scale (how well a listed spelling explains a query). The values were
measured on labelled queries (benchmarks/matching.py); change one only with that benchmark.
"""

from __future__ import annotations

# -- deciding: match, ambiguous or none ---------------------------------------------------

# A party this good that leads every other party by the margin is clearly meant.
MATCH_SCORE = 88.0
MATCH_MARGIN = 8.0
# Every typed word found in one listed name whose rest is mostly descriptive ("Jinghua
# Qidi") is a match when no other party comes within the margin.
SHORT_NAME_SCORE = 80.0
SHORT_NAME_MARGIN = 20.0
# ... and when one typed word is in at most this many listed names: words that a hundred
# names use ("National Instruments") describe many parties and single out none.
SHORT_NAME_WORD_RECORDS = 100
# Below this a party is not offered at all, not even as a possible match.
CANDIDATE_SCORE = 60.0
# Possible matches this far below the best one add noise, not choice.
CANDIDATE_SPREAD = 20.0
# A "no match" names the closest listed names from this score, at most this many of them.
NEAR_MISS_SCORE = 40.0
NEAR_MISSES_SHOWN = 3
# A brand's family is answered in full up to this many other parties (the index scores at
# most CANDIDATE_RECORDS spellings a query, which bounds it too).
FAMILY_SHOWN = 40
# One typed word that is a slip of a listed name this short or shorter is at most a possible
# match: five to seven letters one edit apart are as often two names as a typo.
SHORT_SLIP_NAME_LENGTH = 7
# A fit this close to 100 is complete (the score is rounded to one decimal).
COMPLETE_FIT_SCORE = 99.95

# -- candidates ---------------------------------------------------------------------------

# At most this many spellings are scored per reading: more never changed a ranking.
CANDIDATE_RECORDS = 48
# A spelling sharing less than this share of the query's weight cannot score as a near miss.
CANDIDATE_SHARE = 0.4
# Past this many characters a query is not a name; refusing beats guessing.
MAX_QUERY_LENGTH = 400

# -- weights ------------------------------------------------------------------------------

# Words that describe or locate a party (Trading, Beijing) count this much on the listed
# side: "Jinghua Qidi" should fit BEIJING JINGHUA QIDI ELECTRONIC TECHNOLOGY.
DESCRIPTIVE_WORD_WEIGHT = 0.25
# A typed word shorter than this weighs less in proportion: one or two letters are
# initials, or what is left of a legal form ("Vuela Peru C" for S.A.C.).
FULL_WEIGHT_WORD_LENGTH = 4
# Typed words this short that no listed word explains do not count against a fit.
IGNORED_LEFTOVER_LENGTH = 2
# A query of descriptive words only ("Florida Corporation") cannot single out a party
# whose name says more.
DESCRIPTIVE_ONLY_CAP = 80.0

# -- typos --------------------------------------------------------------------------------

# Typos are looked up by symmetric deletion; shorter words are too easy to confuse.
MIN_TYPO_LENGTH = 4
# A short word typed wrong ("KBB" for KB, "Gza" for GAZ) is looked for among listed words
# this long and longer, to find the names it may belong to; their whole spelling decides.
MIN_SHORT_TYPO_LENGTH = 2
SHORT_TYPO_GAIN = 0.5
# Words this long may be two edits from what was meant; shorter ones, one.
TWO_EDIT_WORD_LENGTH = 9
# How much an edit costs a word's similarity, relative to its length (one edit in a long
# word is a typo, in a short word it may be another name).
EDIT_COST = 0.8
# A word the lists use is most likely meant as written; its neighbours count this much.
KNOWN_WORD_NEIGHBOUR = 0.9
# Whole-name spelling slips (a typo, a space moved): (edits, shortest length, score).
SPELLING_SLIPS = ((1, 10, 96.0), (1, 7, 92.0), (1, 5, 86.0), (2, 14, 92.0), (2, 10, 86.0))
MAX_SPELLING_EDITS = 2
# The lowest of those scores: a whole name this close is one slip of the listed one.
SPELLING_SLIP = min(score for _, _, score in SPELLING_SLIPS)
# When every typed word is one the lists use, only names this long can be a slip of another.
KNOWN_WORDS_SLIP_LENGTH = 10
# A listed word typed as two ("Sun Create") or two typed as one ("SunCreate").
JOINED_WORD_SIMILARITY = 0.95
# Initials standing for a run of listed words ("MPS" for Ministry of Public Security).
ACRONYM_SIMILARITY = 0.9
MIN_ACRONYM_LENGTH = 2
MAX_ACRONYM_LENGTH = 6

# -- legal forms --------------------------------------------------------------------------

# Legal forms of different kinds ("JSC" against "Co., Ltd.") make a fit doubtful.
LEGAL_CONFLICT_FACTOR = 0.85
# A specific legal form typed where the listed name has none.
UNCONFIRMED_LEGAL_FORM_FACTOR = 0.87
# Two spelling slips in a whole name count when this much of it matches word by word.
CLOSE_WORDS_COVERAGE = 0.75
# A legal form or function word used in at least this many names can be what a slip meant;
# at the end of a name, where legal forms stand, rarer ones too (Bulgarian EOOD).
COMMON_LEGAL_WORD = 100
UNCOMMON_LEGAL_WORD = 20
# A listed word is read as a slip of a legal form only when the form is this many times
# commoner: at the end of a name, where legal forms stand, and elsewhere.
LEGAL_SLIP_ODDS_AT_END = 10
LEGAL_SLIP_ODDS_INSIDE = 100
# An unknown word is a slip of a legal form when the form is this many times commoner than
# the listed words it could also be a slip of.
UNKNOWN_WORD_SLIP_ODDS = 10
# Outside a longer legal form, a function word shorter than this is a slip only from a
# doubled or swapped letter ("dde" for de, "oc" for co): "io" could be anything.
PLAIN_SLIP_LENGTH = 3
# How far a reading is trusted that turned a listed word into a legal form.
CORRECTED_KNOWN_WORD_TRUST = 0.9
# How far a reading is trusted that left out the words closing a name ("GAZ Group
# Holdings" read as GAZ): enough for a listed name typed otherwise in full to be a match
# (100 x this clears MATCH_SCORE), never enough to count as typed exactly.
CLOSING_WORD_TRUST = 0.92
# ... and one that leaves a single word: another company may well bear that word alone
# ("Apex Group" and APEX Ltd.), so 100 x this stays below MATCH_SCORE.
LONE_WORD_LEFT_TRUST = 0.85

# -- spotting names in messages -----------------------------------------------------------

# A listed word this short ("ab", "ok") is too easily an ordinary word to anchor a name.
MIN_ANCHOR_LENGTH = 3
# A word one slip from a listed word anchors a name alone only when this long: short words
# one letter apart are other words ("Samsung", "Samsun"); a shorter slip ("Qiho 360")
# anchors a name of two words or more.
MIN_SLIP_ANCHOR_LENGTH = 6
MIN_SLIP_SIMILARITY = 0.85
# A listed word in more names than this says little about which party is meant.
MAX_ANCHOR_RECORDS = 2500
# No listed name a message names runs longer than this many words.
MAX_SPAN_WORDS = 16
# In text written in mixed case, a word this short that is not in capitals is no acronym:
# alone it names nobody ("Sep", "Air", "City").
SHORT_WORD_LENGTH = 4
# One word of running text this close to a listed name is worth a look (a possible match);
# below it, a lone word is just a word ("Carlos", "Garanti").
LONE_WORD_POSSIBLE_SCORE = 80.0
# ... unless it is the word a listed company goes by (the first of its name that is no
# place or description: "Zhipu", "Sevenstar") and at most this many names use it: then it
# names that company or its family, a possible match from CANDIDATE_SCORE.
BRAND_WORD_RECORDS = 10
# A lone word that is one slip from a listed name must come this close: one edit in a
# word of seven letters or more ("Hikvison"); in a shorter word it is another word
# ("Samsung" for SAMSUN, "Hitesh" for Hitech).
LONE_SLIP_SCORE = 90.0
# Distinct words whose typo neighbours, and names whose resolutions, one spotter remembers.
SIMILAR_CACHE = 20_000
RESOLUTION_CACHE = 20_000
