CREATE TABLE "office_hour_exceptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"schedule_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"original_date" date,
	"date" date,
	"start_minute" smallint,
	"end_minute" smallint,
	"reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_hour_exceptions_kind_ck" CHECK ("office_hour_exceptions"."kind" in ('cancelled', 'moved', 'added')),
	CONSTRAINT "office_hour_exceptions_shape_ck" CHECK (("office_hour_exceptions"."kind" = 'cancelled' and "office_hour_exceptions"."original_date" is not null and "office_hour_exceptions"."date" is null)
        or ("office_hour_exceptions"."kind" = 'moved' and "office_hour_exceptions"."original_date" is not null and "office_hour_exceptions"."date" is not null and "office_hour_exceptions"."start_minute" < "office_hour_exceptions"."end_minute")
        or ("office_hour_exceptions"."kind" = 'added' and "office_hour_exceptions"."original_date" is null and "office_hour_exceptions"."date" is not null and "office_hour_exceptions"."start_minute" < "office_hour_exceptions"."end_minute"))
);
--> statement-breakpoint
CREATE TABLE "office_hour_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"venue_id" uuid NOT NULL,
	"delegate_user_id" uuid NOT NULL,
	"title" text NOT NULL,
	"start_minute" smallint NOT NULL,
	"end_minute" smallint NOT NULL,
	"rrule" text,
	"rdates" date[] DEFAULT '{}'::date[] NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"booking_enabled" boolean DEFAULT false NOT NULL,
	"slot_minutes" smallint,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_hour_schedules_minutes_ck" CHECK ("office_hour_schedules"."start_minute" between 0 and 1439 and "office_hour_schedules"."end_minute" between 1 and 1440 and "office_hour_schedules"."start_minute" < "office_hour_schedules"."end_minute"),
	CONSTRAINT "office_hour_schedules_dates_ck" CHECK ("office_hour_schedules"."start_date" <= "office_hour_schedules"."end_date"),
	CONSTRAINT "office_hour_schedules_slot_ck" CHECK ("office_hour_schedules"."slot_minutes" is null or "office_hour_schedules"."slot_minutes" between 5 and "office_hour_schedules"."end_minute" - "office_hour_schedules"."start_minute")
);
--> statement-breakpoint
CREATE TABLE "office_hour_venues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"accessibility_notes" text,
	"sector_id" uuid,
	"municipality_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "office_hour_exceptions" ADD CONSTRAINT "office_hour_exceptions_schedule_id_office_hour_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."office_hour_schedules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_hour_schedules" ADD CONSTRAINT "office_hour_schedules_venue_id_office_hour_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."office_hour_venues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_hour_venues" ADD CONSTRAINT "office_hour_venues_sector_id_sectors_id_fk" FOREIGN KEY ("sector_id") REFERENCES "public"."sectors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_hour_venues" ADD CONSTRAINT "office_hour_venues_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "office_hour_exceptions_original_uq" ON "office_hour_exceptions" USING btree ("schedule_id","original_date");--> statement-breakpoint
CREATE INDEX "office_hour_schedules_venue_idx" ON "office_hour_schedules" USING btree ("venue_id");--> statement-breakpoint
CREATE INDEX "office_hour_schedules_delegate_idx" ON "office_hour_schedules" USING btree ("delegate_user_id");--> statement-breakpoint
CREATE INDEX "office_hour_venues_municipality_idx" ON "office_hour_venues" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "office_hour_venues_sector_idx" ON "office_hour_venues" USING btree ("sector_id");