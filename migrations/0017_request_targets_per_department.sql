-- The table held only national rows (no production data yet): emptied before its NOT NULL department_id.
DELETE FROM "request_category_targets";--> statement-breakpoint
ALTER TABLE "request_category_targets" DROP CONSTRAINT "request_category_targets_pkey";--> statement-breakpoint
ALTER TABLE "request_category_targets" ADD COLUMN "department_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "request_category_targets" ADD CONSTRAINT "request_category_targets_department_id_category_pk" PRIMARY KEY("department_id","category");--> statement-breakpoint
ALTER TABLE "request_category_targets" ADD CONSTRAINT "request_category_targets_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;
