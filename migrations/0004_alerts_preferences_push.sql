CREATE TABLE "alert_communes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alert_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"current_rank" smallint DEFAULT 1 NOT NULL,
	"next_escalation_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "alert_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alert_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"notification_id" uuid,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_messages_kind_ck" CHECK ("alert_messages"."kind" in ('initial', 'update', 'escalation', 'close'))
);
--> statement-breakpoint
CREATE TABLE "alert_recipients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alert_id" uuid NOT NULL,
	"alert_commune_id" uuid NOT NULL,
	"contact_id" uuid,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"phone" text NOT NULL,
	"user_id" uuid,
	"rank" smallint NOT NULL,
	"ack_code" text NOT NULL,
	"sms_delivery_id" uuid,
	"in_app_delivery_id" uuid,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_via" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_recipients_ack_code_unique" UNIQUE("ack_code"),
	CONSTRAINT "alert_recipients_via_ck" CHECK ("alert_recipients"."acknowledged_via" is null or "alert_recipients"."acknowledged_via" in ('link', 'app'))
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"lon" double precision,
	"lat" double precision,
	"escalation_delay_minutes" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	CONSTRAINT "alerts_kind_ck" CHECK ("alerts"."kind" in ('intervention', 'public_order', 'road_closed', 'missing_person', 'other')),
	CONSTRAINT "alerts_severity_ck" CHECK ("alerts"."severity" in ('info', 'important', 'critical')),
	CONSTRAINT "alerts_status_ck" CHECK ("alerts"."status" in ('open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "commune_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"phone" text NOT NULL,
	"user_id" uuid,
	"rank" smallint DEFAULT 1 NOT NULL,
	"available_from_minute" smallint,
	"available_to_minute" smallint,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commune_contacts_rank_ck" CHECK ("commune_contacts"."rank" between 1 and 9),
	CONSTRAINT "commune_contacts_hours_ck" CHECK (("commune_contacts"."available_from_minute" is null) = ("commune_contacts"."available_to_minute" is null) and coalesce("commune_contacts"."available_from_minute", 0) between 0 and 1439 and coalesce("commune_contacts"."available_to_minute", 0) between 0 and 1439)
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"channels" text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preferences_user_id_kind_pk" PRIMARY KEY("user_id","kind")
);
--> statement-breakpoint
CREATE TABLE "notification_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"phone" text,
	"quiet_start_minute" smallint,
	"quiet_end_minute" smallint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_profiles_quiet_ck" CHECK (("notification_profiles"."quiet_start_minute" is null) = ("notification_profiles"."quiet_end_minute" is null) and coalesce("notification_profiles"."quiet_start_minute", 0) between 0 and 1439 and coalesce("notification_profiles"."quiet_end_minute", 0) between 0 and 1439)
);
--> statement-breakpoint
CREATE TABLE "push_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"endpoint" text NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_success_at" timestamp with time zone,
	CONSTRAINT "push_subscriptions_endpoint_unique" UNIQUE("endpoint")
);
--> statement-breakpoint
ALTER TABLE "notification_deliveries" DROP CONSTRAINT "notification_deliveries_channel_ck";--> statement-breakpoint
ALTER TABLE "alert_communes" ADD CONSTRAINT "alert_communes_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_communes" ADD CONSTRAINT "alert_communes_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_messages" ADD CONSTRAINT "alert_messages_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_recipients" ADD CONSTRAINT "alert_recipients_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_recipients" ADD CONSTRAINT "alert_recipients_alert_commune_id_alert_communes_id_fk" FOREIGN KEY ("alert_commune_id") REFERENCES "public"."alert_communes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commune_contacts" ADD CONSTRAINT "commune_contacts_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alert_communes_alert_municipality_uq" ON "alert_communes" USING btree ("alert_id","municipality_id");--> statement-breakpoint
CREATE INDEX "alert_communes_escalation_idx" ON "alert_communes" USING btree ("next_escalation_at");--> statement-breakpoint
CREATE INDEX "alert_messages_alert_idx" ON "alert_messages" USING btree ("alert_id","created_at");--> statement-breakpoint
CREATE INDEX "alert_recipients_alert_idx" ON "alert_recipients" USING btree ("alert_id");--> statement-breakpoint
CREATE INDEX "alert_recipients_user_idx" ON "alert_recipients" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "alerts_created_by_idx" ON "alerts" USING btree ("created_by","created_at");--> statement-breakpoint
CREATE INDEX "commune_contacts_municipality_idx" ON "commune_contacts" USING btree ("municipality_id","rank");--> statement-breakpoint
CREATE UNIQUE INDEX "commune_contacts_municipality_phone_uq" ON "commune_contacts" USING btree ("municipality_id","phone");--> statement-breakpoint
CREATE INDEX "push_subscriptions_user_idx" ON "push_subscriptions" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_channel_ck" CHECK ("notification_deliveries"."channel" in ('email', 'sms', 'in_app', 'push'));