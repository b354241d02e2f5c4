// Open Referral UK (issue 5 §5; src/localoffer/oruk*.ts): the feeds an area imports from, and a report of each run.
//
// A feed is another directory's ORUK API or a file of its services: a council moving from another directory
// brings its data once, and an area shows its neighbours' services (`neighbour`), marked outside the area and with
// the feed's label shown as their source. An imported listing keeps `lo_service.source` = the feed's `source` and
// `external_id` = the service's id in that feed, so a second run updates it rather than adding it again (the
// unique index lo_service_external). Neighbours' services are left out of our own feed: their owners publish them.

export const up: string[] = [
  `CREATE TABLE lo_feed (
     la_code text NOT NULL REFERENCES local_area,
     source text NOT NULL CHECK (source LIKE 'oruk:%'),
     label text NOT NULL CHECK (length(label) > 0),
     url text,
     neighbour boolean NOT NULL DEFAULT false,
     created_at timestamptz NOT NULL DEFAULT now(),
     last_run_at timestamptz,
     PRIMARY KEY (la_code, source)
   )`,
  `CREATE TABLE lo_import_run (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     la_code text NOT NULL REFERENCES local_area,
     source text NOT NULL,
     started_by uuid REFERENCES app_user,
     started_at timestamptz NOT NULL DEFAULT now(),
     finished_at timestamptz,
     outcome text NOT NULL CHECK (outcome IN ('done','failed')),
     message text,
     counts jsonb NOT NULL DEFAULT '{}',
     report jsonb NOT NULL DEFAULT '[]',
     FOREIGN KEY (la_code, source) REFERENCES lo_feed
   )`,
  `CREATE INDEX lo_import_run_area ON lo_import_run (la_code, started_at)`,
  // service_at_location ids are derived, as oruk.ts salId derives them, so /service_at_locations/{id} finds its row.
  `CREATE INDEX lo_location_oruk_id ON lo_location ((md5(service_id::text || '/sal/' || position::text)::uuid))`,
];

export const down: string[] = [`DROP INDEX lo_location_oruk_id`, `DROP TABLE lo_import_run`, `DROP TABLE lo_feed`];
