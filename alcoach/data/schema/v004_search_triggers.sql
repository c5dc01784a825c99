-- alcoach schema version 4: the triggers that keep note_text and its indexes current (see
-- v004_search_tables.sql); created after the migration has filled them.
CREATE TRIGGER note_text_ai AFTER INSERT ON note_text BEGIN
  INSERT INTO note_trigram(rowid, folded) VALUES (new.id, new.folded);
  INSERT INTO note_grams(rowid, grams) VALUES (new.id, alcoach_grams(new.folded));
END;
CREATE TRIGGER note_text_ad AFTER DELETE ON note_text BEGIN
  INSERT INTO note_trigram(note_trigram, rowid, folded) VALUES ('delete', old.id, old.folded);
  INSERT INTO note_grams(note_grams, rowid, grams)
  VALUES ('delete', old.id, alcoach_grams(old.folded));
END;
CREATE TRIGGER note_text_au AFTER UPDATE OF folded ON note_text BEGIN
  INSERT INTO note_trigram(note_trigram, rowid, folded) VALUES ('delete', old.id, old.folded);
  INSERT INTO note_grams(note_grams, rowid, grams)
  VALUES ('delete', old.id, alcoach_grams(old.folded));
  INSERT INTO note_trigram(rowid, folded) VALUES (new.id, new.folded);
  INSERT INTO note_grams(rowid, grams) VALUES (new.id, alcoach_grams(new.folded));
END;

CREATE TRIGGER intervention_search_ai AFTER INSERT ON intervention BEGIN
  INSERT INTO note_text(id, source, meeting_id, folded)
  VALUES (new.id * 8 + 1, 'intervention', new.meeting_id,
      alcoach_fold(new.text || char(10) || new.response));
END;
CREATE TRIGGER intervention_search_au AFTER UPDATE OF text, response, meeting_id ON intervention BEGIN
  UPDATE note_text SET meeting_id = new.meeting_id,
      folded = alcoach_fold(new.text || char(10) || new.response)
  WHERE id = old.id * 8 + 1;
END;
CREATE TRIGGER intervention_search_ad AFTER DELETE ON intervention BEGIN
  DELETE FROM note_text WHERE id = old.id * 8 + 1;
END;

CREATE TRIGGER problem_statement_search_ai AFTER INSERT ON problem_statement BEGIN
  INSERT INTO note_text(id, source, meeting_id, folded)
  VALUES (new.id * 8 + 2, 'problem', new.meeting_id,
      alcoach_fold(new.text));
END;
CREATE TRIGGER problem_statement_search_au AFTER UPDATE OF text, meeting_id ON problem_statement BEGIN
  UPDATE note_text SET meeting_id = new.meeting_id,
      folded = alcoach_fold(new.text)
  WHERE id = old.id * 8 + 2;
END;
CREATE TRIGGER problem_statement_search_ad AFTER DELETE ON problem_statement BEGIN
  DELETE FROM note_text WHERE id = old.id * 8 + 2;
END;

CREATE TRIGGER feedback_search_ai AFTER INSERT ON feedback BEGIN
  INSERT INTO note_text(id, source, meeting_id, folded)
  VALUES (new.id * 8 + 3, 'feedback', new.meeting_id,
      alcoach_fold(new.skill || char(10) || new.strengths || char(10) || new.suggestions
      || char(10) || new.self_assessment || char(10) || new.coach_notes));
END;
CREATE TRIGGER feedback_search_au AFTER UPDATE OF skill, strengths, suggestions, self_assessment, coach_notes, meeting_id ON feedback BEGIN
  UPDATE note_text SET meeting_id = new.meeting_id,
      folded = alcoach_fold(new.skill || char(10) || new.strengths || char(10) || new.suggestions
      || char(10) || new.self_assessment || char(10) || new.coach_notes)
  WHERE id = old.id * 8 + 3;
END;
CREATE TRIGGER feedback_search_ad AFTER DELETE ON feedback BEGIN
  DELETE FROM note_text WHERE id = old.id * 8 + 3;
END;

CREATE TRIGGER action_search_ai AFTER INSERT ON action BEGIN
  INSERT INTO note_text(id, source, meeting_id, folded)
  VALUES (new.id * 8 + 4, 'action', new.meeting_id,
      alcoach_fold(new.text || char(10) || new.report_back));
END;
CREATE TRIGGER action_search_au AFTER UPDATE OF text, report_back, meeting_id ON action BEGIN
  UPDATE note_text SET meeting_id = new.meeting_id,
      folded = alcoach_fold(new.text || char(10) || new.report_back)
  WHERE id = old.id * 8 + 4;
END;
CREATE TRIGGER action_search_ad AFTER DELETE ON action BEGIN
  DELETE FROM note_text WHERE id = old.id * 8 + 4;
END;

CREATE TRIGGER learning_search_ai AFTER INSERT ON learning BEGIN
  INSERT INTO note_text(id, source, meeting_id, folded)
  VALUES (new.id * 8 + 5, 'learning', new.meeting_id,
      alcoach_fold(new.text || char(10) || new.application));
END;
CREATE TRIGGER learning_search_au AFTER UPDATE OF text, application, meeting_id ON learning BEGIN
  UPDATE note_text SET meeting_id = new.meeting_id,
      folded = alcoach_fold(new.text || char(10) || new.application)
  WHERE id = old.id * 8 + 5;
END;
CREATE TRIGGER learning_search_ad AFTER DELETE ON learning BEGIN
  DELETE FROM note_text WHERE id = old.id * 8 + 5;
END;

CREATE TRIGGER meeting_search_ai AFTER INSERT ON meeting BEGIN
  INSERT INTO note_text(id, source, meeting_id, folded)
  VALUES (new.id * 8 + 6, 'meeting', new.id,
      alcoach_fold(new.title || char(10) || new.location || char(10) || new.coach_notes));
END;
CREATE TRIGGER meeting_search_au AFTER UPDATE OF title, location, coach_notes ON meeting BEGIN
  UPDATE note_text SET meeting_id = new.id,
      folded = alcoach_fold(new.title || char(10) || new.location || char(10) || new.coach_notes)
  WHERE id = old.id * 8 + 6;
END;
CREATE TRIGGER meeting_search_ad AFTER DELETE ON meeting BEGIN
  DELETE FROM note_text WHERE id = old.id * 8 + 6;
END;
