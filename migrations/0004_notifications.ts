// Notifications (issue 3 §4): an in-app inbox for every user and an outbox of email to send over SMTP.
// Both are written in the transaction of the change that caused them (src/notifications/notify.ts), so a
// message exists only if that change committed; the mailer sends the outbox afterwards and records each attempt.
// The email is composed from the inbox row when it is sent: the outbox holds only the address and the delivery state.

export const up: string[] = [
  `CREATE TABLE inbox_message (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     user_id uuid NOT NULL REFERENCES app_user ON DELETE CASCADE,
     la_code text NOT NULL REFERENCES local_area,
     kind text NOT NULL CHECK (kind ~ '^[a-z0-9][a-z0-9._-]{0,49}$'),
     subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 150 AND subject !~ '[\\r\\n]'),
     body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
     link text NOT NULL CHECK (link ~ '^/([^/\\\\]|$)'),
     child_id uuid REFERENCES child ON DELETE SET NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     read_at timestamptz
   )`,
  `CREATE INDEX inbox_message_user ON inbox_message (user_id, created_at DESC, id)`,
  `CREATE INDEX inbox_message_unread ON inbox_message (user_id) WHERE read_at IS NULL`,
  `CREATE INDEX inbox_message_child ON inbox_message (child_id) WHERE child_id IS NOT NULL`,

  `CREATE TABLE mail_outbox (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     message_id uuid NOT NULL UNIQUE REFERENCES inbox_message ON DELETE CASCADE,
     la_code text NOT NULL REFERENCES local_area,
     to_address text NOT NULL,
     status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed','cancelled')),
     attempts int NOT NULL DEFAULT 0,
     next_attempt_at timestamptz NOT NULL DEFAULT now(),
     last_attempt_at timestamptz,
     last_error text,
     sent_at timestamptz,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status = 'pending'`,
];

export const down: string[] = [`DROP TABLE mail_outbox`, `DROP TABLE inbox_message`];
