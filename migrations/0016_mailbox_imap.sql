CREATE TABLE "mailbox_imap_messages" (
	"mailbox_id" uuid NOT NULL,
	"uid_validity" bigint NOT NULL,
	"uid" bigint NOT NULL,
	"message_id_hash" text,
	"outcome" text NOT NULL,
	"detail" text,
	"request_id" uuid,
	"retry_after" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mailbox_imap_messages_mailbox_id_uid_validity_uid_pk" PRIMARY KEY("mailbox_id","uid_validity","uid"),
	CONSTRAINT "mailbox_imap_messages_outcome_ck" CHECK ("mailbox_imap_messages"."outcome" in ('request', 'reply', 'refused', 'too_large', 'deferred'))
);
--> statement-breakpoint
CREATE TABLE "mailbox_imap_sources" (
	"mailbox_id" uuid PRIMARY KEY NOT NULL,
	"host" text NOT NULL,
	"port" integer NOT NULL,
	"security" text NOT NULL,
	"username" text NOT NULL,
	"password_sealed" text NOT NULL,
	"folder" text DEFAULT 'INBOX' NOT NULL,
	"last_run_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error" text,
	"last_summary" text,
	"lease_until" timestamp with time zone,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mailbox_imap_sources_security_ck" CHECK ("mailbox_imap_sources"."security" in ('tls', 'starttls', 'none')),
	CONSTRAINT "mailbox_imap_sources_port_ck" CHECK ("mailbox_imap_sources"."port" between 1 and 65535)
);
--> statement-breakpoint
ALTER TABLE "mailbox_imap_messages" ADD CONSTRAINT "mailbox_imap_messages_mailbox_id_sector_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."sector_mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailbox_imap_messages" ADD CONSTRAINT "mailbox_imap_messages_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailbox_imap_sources" ADD CONSTRAINT "mailbox_imap_sources_mailbox_id_sector_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."sector_mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mailbox_imap_messages_message_id_idx" ON "mailbox_imap_messages" USING btree ("mailbox_id","message_id_hash");