-- alcoach schema version 4: search finds any part of a word in any script.
-- note_text holds every note folded in Python (alcoach.data.search_fold.fold: accents stripped,
-- case folded); two indexes over it answer queries: note_trigram (FTS5 trigram, its content read
-- from note_text) for words of three characters or more, note_grams (contentless: a token per
-- character and per pair of characters, alcoach_grams) for shorter ones. Both keep no positions
-- (detail=none): search checks every candidate's folded text, so the index only narrows.
-- id = source row id * 8 + source code, as in version 2, so an edit finds its row without a scan.
-- The triggers call alcoach_fold and alcoach_grams: every connection that writes has them.
-- The migration (migrations._v4_search_everywhere) fills note_text and the indexes in batches.
DROP TABLE note_index;

DROP TRIGGER intervention_ai;
DROP TRIGGER intervention_au;
DROP TRIGGER intervention_ad;
DROP TRIGGER problem_statement_ai;
DROP TRIGGER problem_statement_au;
DROP TRIGGER problem_statement_ad;
DROP TRIGGER feedback_ai;
DROP TRIGGER feedback_au;
DROP TRIGGER feedback_ad;
DROP TRIGGER action_ai;
DROP TRIGGER action_au;
DROP TRIGGER action_ad;
DROP TRIGGER learning_ai;
DROP TRIGGER learning_au;
DROP TRIGGER learning_ad;
DROP TRIGGER meeting_ai;
DROP TRIGGER meeting_au;
DROP TRIGGER meeting_ad;

CREATE TABLE note_text (
  id INTEGER PRIMARY KEY, source TEXT NOT NULL, meeting_id INTEGER NOT NULL, folded TEXT NOT NULL
);
CREATE VIRTUAL TABLE note_trigram USING fts5(
  folded, content = 'note_text', content_rowid = 'id', tokenize = 'trigram case_sensitive 1',
  detail = none, columnsize = 0
);
CREATE VIRTUAL TABLE note_grams USING fts5(
  grams, content = '', tokenize = 'ascii', detail = none, columnsize = 0
);
