-- alcoach schema version 2: a full-text index over every note a coach types.
-- rowid = source row id * 8 + source code, so an edit replaces its entry without a scan.
-- Source codes: 1 intervention, 2 problem statement, 3 feedback, 4 action, 5 learning, 6 meeting.
CREATE VIRTUAL TABLE note_index USING fts5(
    body, source UNINDEXED, meeting_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER intervention_ai AFTER INSERT ON intervention BEGIN
  INSERT INTO note_index(rowid, body, source, meeting_id)
  VALUES (new.id * 8 + 1, new.text || char(10) || new.response, 'intervention', new.meeting_id);
END;
CREATE TRIGGER intervention_au AFTER UPDATE OF text, response ON intervention BEGIN
  DELETE FROM note_index WHERE rowid = old.id * 8 + 1;
  INSERT INTO note_index(rowid, body, source, meeting_id)
  VALUES (new.id * 8 + 1, new.text || char(10) || new.response, 'intervention', new.meeting_id);
END;
CREATE TRIGGER intervention_ad AFTER DELETE ON intervention BEGIN
  DELETE FROM note_index WHERE rowid = old.id * 8 + 1;
END;

CREATE TRIGGER problem_statement_ai AFTER INSERT ON problem_statement BEGIN
  INSERT INTO note_index(rowid, body, source, meeting_id)
  VALUES (new.id * 8 + 2, new.text, 'problem', new.meeting_id);
END;
CREATE TRIGGER problem_statement_au AFTER UPDATE OF text ON problem_statement BEGIN
  DELETE FROM note_index WHERE rowid = old.id * 8 + 2;
  INSERT INTO note_index(rowid, body, source, meeting_id)
  VALUES (new.id * 8 + 2, new.text, 'problem', new.meeting_id);
END;
CREATE TRIGGER problem_statement_ad AFTER DELETE ON problem_statement BEGIN
  DELETE FROM note_index WHERE rowid = old.id * 8 + 2;
END;

CREATE TRIGGER feedback_ai AFTER INSERT ON feedback BEGIN
  INSERT INTO note_index(rowid, body, source, meeting_id)
  VALUES (new.id * 8 + 3, new.skill || char(10) || new.strengths || char(10) || new.suggestions
          || char(10) || new.self_assessment || char(10) || new.coach_notes, 'feedback', new.meeting_id);
END;
CREATE TRIGGER feedback_au AFTER UPDATE ON feedback BEGIN
  DELETE FROM note_index WHERE rowid = old.id * 8 + 3;
  INSERT INTO note_index(rowid, body, source, meeting_id)
  VALUES (new.id * 8 + 3, new.skill || char(10) || new.strengths || char(10) || new.suggestions
          || char(10) || new.self_assessment || char(10) || new.coach_notes, 'feedback', new.meeting_id);
END;
CREATE TRIGGER feedback_ad AFTER DELETE ON feedback BEGIN
  DELETE FROM note_index WHERE rowid = old.id * 8 + 3;
END;

CREATE TRIGGER action_ai AFTER INSERT ON action BEGIN
  INSERT INTO note_index(rowid, body, source, meeting_id)
  VALUES (new.id * 8 + 4, new.text || char(10) || new.report_back, 'action', new.meeting_id);
END;
CREATE TRIGGER action_au AFTER UPDATE OF text, report_back ON action BEGIN
  DELETE FROM note_index WHERE rowid = old.id * 8 + 4;
  INSERT INTO note_index(rowid, body, source, meeting_id)
  VALUES (new.id * 8 + 4, new.text || char(10) || new.report_back, 'action', new.meeting_id);
END;
CREATE TRIGGER action_ad AFTER DELETE ON action BEGIN
  DELETE FROM note_index WHERE rowid = old.id * 8 + 4;
END;

CREATE TRIGGER learning_ai AFTER INSERT ON learning BEGIN
  INSERT INTO note_index(rowid, body, source, meeting_id)
  VALUES (new.id * 8 + 5, new.text || char(10) || new.application, 'learning', new.meeting_id);
END;
CREATE TRIGGER learning_au AFTER UPDATE OF text, application ON learning BEGIN
  DELETE FROM note_index WHERE rowid = old.id * 8 + 5;
  INSERT INTO note_index(rowid, body, source, meeting_id)
  VALUES (new.id * 8 + 5, new.text || char(10) || new.application, 'learning', new.meeting_id);
END;
CREATE TRIGGER learning_ad AFTER DELETE ON learning BEGIN
  DELETE FROM note_index WHERE rowid = old.id * 8 + 5;
END;

CREATE TRIGGER meeting_ai AFTER INSERT ON meeting BEGIN
  INSERT INTO note_index(rowid, body, source, meeting_id)
  VALUES (new.id * 8 + 6, new.title || char(10) || new.location || char(10) || new.coach_notes,
          'meeting', new.id);
END;
CREATE TRIGGER meeting_au AFTER UPDATE OF title, location, coach_notes ON meeting BEGIN
  DELETE FROM note_index WHERE rowid = old.id * 8 + 6;
  INSERT INTO note_index(rowid, body, source, meeting_id)
  VALUES (new.id * 8 + 6, new.title || char(10) || new.location || char(10) || new.coach_notes,
          'meeting', new.id);
END;
CREATE TRIGGER meeting_ad AFTER DELETE ON meeting BEGIN
  DELETE FROM note_index WHERE rowid = old.id * 8 + 6;
END;

INSERT INTO note_index(rowid, body, source, meeting_id)
  SELECT id * 8 + 1, text || char(10) || response, 'intervention', meeting_id FROM intervention;
INSERT INTO note_index(rowid, body, source, meeting_id)
  SELECT id * 8 + 2, text, 'problem', meeting_id FROM problem_statement;
INSERT INTO note_index(rowid, body, source, meeting_id)
  SELECT id * 8 + 3, skill || char(10) || strengths || char(10) || suggestions || char(10)
         || self_assessment || char(10) || coach_notes, 'feedback', meeting_id FROM feedback;
INSERT INTO note_index(rowid, body, source, meeting_id)
  SELECT id * 8 + 4, text || char(10) || report_back, 'action', meeting_id FROM action;
INSERT INTO note_index(rowid, body, source, meeting_id)
  SELECT id * 8 + 5, text || char(10) || application, 'learning', meeting_id FROM learning;
INSERT INTO note_index(rowid, body, source, meeting_id)
  SELECT id * 8 + 6, title || char(10) || location || char(10) || coach_notes, 'meeting', id FROM meeting;
