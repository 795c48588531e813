CREATE TABLE "office_hour_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"schedule_id" uuid NOT NULL,
	"date" date NOT NULL,
	"slot_start_minute" smallint,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"cancel_code_hash" text NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"source_key" text,
	"reminder_sent_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_hour_bookings_status_ck" CHECK ("office_hour_bookings"."status" in ('booked', 'cancelled')),
	CONSTRAINT "office_hour_bookings_contact_ck" CHECK ("office_hour_bookings"."email" is not null or "office_hour_bookings"."phone" is not null)
);
--> statement-breakpoint
ALTER TABLE "office_hour_bookings" ADD CONSTRAINT "office_hour_bookings_schedule_id_office_hour_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."office_hour_schedules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "office_hour_bookings_slot_uq" ON "office_hour_bookings" USING btree ("schedule_id","date","slot_start_minute") WHERE "office_hour_bookings"."status" = 'booked' and "office_hour_bookings"."slot_start_minute" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "office_hour_bookings_code_uq" ON "office_hour_bookings" USING btree ("cancel_code_hash");--> statement-breakpoint
CREATE INDEX "office_hour_bookings_date_idx" ON "office_hour_bookings" USING btree ("date");--> statement-breakpoint
CREATE INDEX "office_hour_bookings_source_idx" ON "office_hour_bookings" USING btree ("source_key","created_at");