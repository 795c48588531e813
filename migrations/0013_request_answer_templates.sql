CREATE TABLE "request_answer_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"department_id" uuid,
	"seed_key" text,
	"category" text,
	"channel" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "request_answer_templates_seed_key_unique" UNIQUE("seed_key"),
	CONSTRAINT "request_answer_templates_seed_national" CHECK ("request_answer_templates"."seed_key" is null or "request_answer_templates"."department_id" is null)
);
--> statement-breakpoint
ALTER TABLE "request_answer_templates" ADD CONSTRAINT "request_answer_templates_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "request_answer_templates_department_idx" ON "request_answer_templates" USING btree ("department_id");