CREATE TABLE "request_digests" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"request_count" integer NOT NULL,
	"notification_id" uuid,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_digests_user_id_day_pk" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
ALTER TABLE "requests" DROP CONSTRAINT "requests_close_reason_ck";--> statement-breakpoint
CREATE INDEX "request_events_search_idx" ON "request_events" USING gin (to_tsvector('french'::regconfig, translate(lower(coalesce("body", '')), 'àâäáãåéèêëíìîïóòôöõúùûüýÿçñ', 'aaaaaaeeeeiiiiooooouuuuyycn')));--> statement-breakpoint
CREATE INDEX "requests_category_point_idx" ON "requests" USING btree ("category","lat","lon");--> statement-breakpoint
CREATE INDEX "requests_search_idx" ON "requests" USING gin (to_tsvector('french'::regconfig, translate(lower("reference" || ' ' || "description" || ' ' || coalesce("place_label", '')), 'àâäáãåéèêëíìîïóòôöõúùûüýÿçñ', 'aaaaaaeeeeiiiiooooouuuuyycn')));--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_close_reason_ck" CHECK ("requests"."close_reason" is null or "requests"."close_reason" in ('resolved', 'duplicate', 'rejected', 'transferred'));