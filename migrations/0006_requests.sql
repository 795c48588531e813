CREATE SEQUENCE "public"."request_reference_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "request_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"visibility" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"body" text,
	"channel" text,
	"author_type" text NOT NULL,
	"author_id" uuid,
	"notification_id" uuid,
	"details" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_events_kind_ck" CHECK ("request_events"."kind" in ('created', 'status', 'note', 'answer', 'reply', 'redirect', 'assignment')),
	CONSTRAINT "request_events_visibility_ck" CHECK ("request_events"."visibility" in ('internal', 'resident'))
);
--> statement-breakpoint
CREATE TABLE "request_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"hits" integer NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"channel" text NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"time_of_day" text,
	"recurring" boolean,
	"lon" double precision,
	"lat" double precision,
	"place_label" text,
	"sector_id" uuid,
	"municipality_id" uuid,
	"department_id" uuid,
	"outside_sectors" boolean DEFAULT false NOT NULL,
	"contact_name" text,
	"contact_email" text,
	"contact_phone" text,
	"no_answer_wanted" boolean DEFAULT false NOT NULL,
	"anonymity" text NOT NULL,
	"confidential" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"close_reason" text,
	"close_note" text,
	"duplicate_of_id" uuid,
	"assignee_id" uuid,
	"tracking_token_hash" text NOT NULL,
	"idempotency_client" text,
	"idempotency_key" text,
	"idempotency_fingerprint" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "requests_reference_unique" UNIQUE("reference"),
	CONSTRAINT "requests_tracking_token_hash_unique" UNIQUE("tracking_token_hash"),
	CONSTRAINT "requests_channel_ck" CHECK ("requests"."channel" in ('web', 'email', 'office_hour', 'phone')),
	CONSTRAINT "requests_category_ck" CHECK ("requests"."category" in ('incivilities', 'motorbike_rodeo', 'drug_dealing', 'burglary', 'noise', 'neighbour_dispute', 'road_safety', 'other')),
	CONSTRAINT "requests_status_ck" CHECK ("requests"."status" in ('new', 'acknowledged', 'in_progress', 'answered', 'closed')),
	CONSTRAINT "requests_time_of_day_ck" CHECK ("requests"."time_of_day" is null or "requests"."time_of_day" in ('morning', 'afternoon', 'evening', 'night', 'any')),
	CONSTRAINT "requests_anonymity_ck" CHECK ("requests"."anonymity" in ('named', 'police_only', 'anonymous')),
	CONSTRAINT "requests_close_reason_ck" CHECK ("requests"."close_reason" is null or "requests"."close_reason" in ('resolved', 'duplicate', 'rejected')),
	CONSTRAINT "requests_point_ck" CHECK (("requests"."lon" is null) = ("requests"."lat" is null))
);
--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_sector_id_sectors_id_fk" FOREIGN KEY ("sector_id") REFERENCES "public"."sectors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "request_events_request_idx" ON "request_events" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "requests_idempotency_uq" ON "requests" USING btree ("idempotency_client","idempotency_key");--> statement-breakpoint
CREATE INDEX "requests_sector_idx" ON "requests" USING btree ("sector_id","status","created_at");--> statement-breakpoint
CREATE INDEX "requests_municipality_idx" ON "requests" USING btree ("municipality_id","created_at");--> statement-breakpoint
CREATE INDEX "requests_department_idx" ON "requests" USING btree ("department_id","created_at");--> statement-breakpoint
CREATE INDEX "requests_status_idx" ON "requests" USING btree ("status","created_at");