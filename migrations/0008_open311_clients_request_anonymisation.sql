CREATE TABLE "open311_clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "open311_clients_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "anonymised_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "open311_clients_created_idx" ON "open311_clients" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "requests_to_anonymise_idx" ON "requests" USING btree ("closed_at") WHERE "requests"."anonymised_at" is null and "requests"."closed_at" is not null;