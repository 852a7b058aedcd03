import Foundation
import GRDB
import ParallaxModel
import ParallaxStore

/// The SQLite schema, as migrations: a store written by an older Parallax is upgraded when opened.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: articles, revisions, stories, frequencies, vectors, search") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
                -- Stories: the clustering state online assignment resumes from (the cluster's sums, as JSON), its
                -- span for the time-window index, and the dossier as of `dossier_revision`.
                CREATE TABLE stories (
                    id INTEGER PRIMARY KEY,
                    cluster BLOB NOT NULL,
                    first_time REAL, last_time REAL,
                    touched INTEGER NOT NULL,
                    revision INTEGER NOT NULL DEFAULT 1,
                    dossier_revision INTEGER NOT NULL DEFAULT 0,
                    dossier BLOB, redated BLOB, stages TEXT,
                    updated TEXT NOT NULL,
                    changed INTEGER NOT NULL,
                    members INTEGER NOT NULL DEFAULT 0,
                    last_published TEXT
                );
                CREATE INDEX stories_span ON stories(last_time, first_time);
                CREATE INDEX stories_touched ON stories(touched);
                CREATE INDEX stories_changed ON stories(changed);
                -- Articles: one row per article, pointing at its latest revision; the document it was read from is
                -- kept for analysing it again when a stage changes.
                CREATE TABLE articles (
                    id INTEGER PRIMARY KEY,
                    story INTEGER NOT NULL REFERENCES stories(id),
                    url TEXT,
                    source TEXT NOT NULL,
                    revision INTEGER NOT NULL,
                    member BLOB,
                    document BLOB NOT NULL,
                    stages TEXT NOT NULL,
                    published TEXT
                );
                CREATE INDEX articles_url ON articles(url);
                CREATE INDEX articles_source ON articles(source);
                CREATE INDEX articles_story ON articles(story, id);
                CREATE TABLE revisions (
                    article INTEGER NOT NULL REFERENCES articles(id),
                    revision INTEGER NOT NULL,
                    content_hash TEXT NOT NULL,
                    ingested TEXT NOT NULL,
                    record BLOB NOT NULL,
                    PRIMARY KEY (article, revision)
                );
                CREATE TABLE hashes (hash TEXT PRIMARY KEY, article INTEGER NOT NULL REFERENCES articles(id));
                CREATE TABLE frequencies (key INTEGER PRIMARY KEY, documents INTEGER NOT NULL);
                CREATE TABLE vectors (key INTEGER PRIMARY KEY, vector BLOB NOT NULL);
                CREATE VIRTUAL TABLE search USING fts5(title, text, tokenize = 'unicode61 remove_diacritics 2');
                """)
        }
        migrator.registerMigration("v2: what a story's refresh leaves for the next; the story list's summary") { db in
            try db.execute(sql: "ALTER TABLE stories ADD COLUMN work BLOB")
            try db.execute(sql: "ALTER TABLE stories ADD COLUMN summary BLOB")
        }
        migrator.registerMigration("v3: replays owed by late reports") { db in
            try db.execute(sql: "ALTER TABLE stories ADD COLUMN replay TEXT")
        }
        migrator.registerMigration("v4: feeds and the items seen in them") { db in
            try db.execute(sql: """
                CREATE TABLE feeds (id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, record BLOB NOT NULL);
                CREATE TABLE feed_items (
                    feed INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
                    key TEXT NOT NULL,
                    state BLOB NOT NULL,
                    PRIMARY KEY (feed, key)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v5: dossiers apart from the story rows") { db in
            // A column after a large BLOB costs a walk through the BLOB's overflow pages: with the dossiers in the
            // story rows, listing 200 stories read every dossier. They live in their own table now.
            try db.execute(sql: """
                CREATE TABLE dossiers (story INTEGER PRIMARY KEY, dossier BLOB, redated BLOB, work BLOB);
                INSERT INTO dossiers (story, dossier, redated, work)
                    SELECT id, dossier, redated, work FROM stories
                    WHERE dossier IS NOT NULL OR redated IS NOT NULL OR work IS NOT NULL;
                UPDATE stories SET dossier = NULL, redated = NULL, work = NULL;
                """)
        }
        migrator.registerMigration("v6: outlets' parts in stories; fuller story summaries") { db in
            try db.execute(sql: """
                CREATE TABLE outlets (
                    outlet TEXT NOT NULL,
                    story INTEGER NOT NULL REFERENCES stories(id),
                    reports INTEGER NOT NULL,
                    latest TEXT,
                    appearance BLOB NOT NULL,
                    PRIMARY KEY (outlet, story)
                ) WITHOUT ROWID;
                CREATE INDEX outlets_story ON outlets(story);
                """)
            // Filled from the saved dossiers (each decoded once), with the summaries made again to carry the
            // counts the story list now filters on.
            let rows = try Row.fetchAll(db, sql: """
                SELECT d.story, d.dossier, s.updated FROM dossiers d JOIN stories s ON s.id = d.story
                WHERE d.dossier IS NOT NULL AND s.members > 0
                """)
            for row in rows {
                let id: Int = row["story"]
                let story = try Coding.decode(Story.self, row["dossier"])
                try SQLiteStore.saveOutlets(db, of: story, id: id)
                let summary = StorySummary(story: story, id: id, updated: row["updated"], current: true)
                try db.execute(sql: "UPDATE stories SET summary = ? WHERE id = ?", arguments: [try Coding.encode(summary), id])
            }
        }
        return migrator
    }
}
