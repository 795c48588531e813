CREATE TABLE "request_category_targets" (
	"category" text PRIMARY KEY NOT NULL,
	"ack_hours" integer NOT NULL,
	"answer_hours" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "request_category_targets_category_ck" CHECK ("request_category_targets"."category" in ('incivilities', 'motorbike_rodeo', 'drug_dealing', 'burglary', 'noise', 'neighbour_dispute', 'road_safety', 'other')),
	CONSTRAINT "request_category_targets_hours_ck" CHECK ("request_category_targets"."ack_hours" >= 1 and "request_category_targets"."ack_hours" <= "request_category_targets"."answer_hours" and "request_category_targets"."answer_hours" <= 8760)
);
