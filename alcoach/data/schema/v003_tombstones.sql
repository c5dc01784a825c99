-- alcoach schema version 3 (after every record got its uid and updated_at): tombstones.
-- A deleted record leaves its uid, its kind and when it went, so an archive can carry the
-- deletion and a merge never brings the record back. Cascades fire these triggers too, so
-- deleting a meeting leaves a tombstone for each of its notes. The addressed members of an
-- intervention are part of the intervention and leave none.
CREATE TABLE "tombstone" ("uid" TEXT NOT NULL PRIMARY KEY, "kind" TEXT NOT NULL, "deleted_at" DATETIME NOT NULL);
CREATE INDEX "tombstone_deleted_at" ON "tombstone" ("deleted_at");
