CREATE TABLE "office_hour_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"schedule_id" uuid,
	"venue_id" uuid,
	"visit_date" date NOT NULL,
	"author_id" uuid NOT NULL,
	"category" text NOT NULL,
	"place_label" text,
	"lon" double precision,
	"lat" double precision,
	"said" text NOT NULL,
	"wants_answer" boolean DEFAULT false NOT NULL,
	"contact_name" text,
	"contact_email" text,
	"contact_phone" text,
	"follow_up" text DEFAULT 'none' NOT NULL,
	"request_id" uuid,
	"sector_id" uuid,
	"municipality_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_hour_visits_category_ck" CHECK ("office_hour_visits"."category" in ('incivilities', 'motorbike_rodeo', 'drug_dealing', 'burglary', 'noise', 'neighbour_dispute', 'other')),
	CONSTRAINT "office_hour_visits_follow_up_ck" CHECK ("office_hour_visits"."follow_up" in ('none', 'awaiting', 'done')),
	CONSTRAINT "office_hour_visits_point_ck" CHECK (("office_hour_visits"."lon" is null) = ("office_hour_visits"."lat" is null))
);
--> statement-breakpoint
ALTER TABLE "office_hour_visits" ADD CONSTRAINT "office_hour_visits_schedule_id_office_hour_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."office_hour_schedules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_hour_visits" ADD CONSTRAINT "office_hour_visits_venue_id_office_hour_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."office_hour_venues"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_hour_visits" ADD CONSTRAINT "office_hour_visits_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_hour_visits" ADD CONSTRAINT "office_hour_visits_sector_id_sectors_id_fk" FOREIGN KEY ("sector_id") REFERENCES "public"."sectors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_hour_visits" ADD CONSTRAINT "office_hour_visits_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_hour_visits" ADD CONSTRAINT "office_hour_visits_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "office_hour_visits_author_idx" ON "office_hour_visits" USING btree ("author_id","visit_date");--> statement-breakpoint
CREATE INDEX "office_hour_visits_sector_idx" ON "office_hour_visits" USING btree ("sector_id","visit_date");--> statement-breakpoint
CREATE INDEX "office_hour_visits_municipality_idx" ON "office_hour_visits" USING btree ("municipality_id","visit_date");--> statement-breakpoint
CREATE INDEX "office_hour_visits_department_idx" ON "office_hour_visits" USING btree ("department_id","visit_date");--> statement-breakpoint
CREATE INDEX "office_hour_visits_created_idx" ON "office_hour_visits" USING btree ("created_at");