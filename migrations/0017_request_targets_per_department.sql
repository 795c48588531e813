-- The table held only national rows (no production data yet): emptied before its NOT NULL department_id.
DELETE FROM "request_category_targets";--> statement-breakpoint
/* 
    Unfortunately in current drizzle-kit version we can't automatically get name for primary key.
    We are working on making it available!

    Meanwhile you can:
        1. Check pk name in your database, by running
            SELECT constraint_name FROM information_schema.table_constraints
            WHERE table_schema = 'public'
                AND table_name = 'request_category_targets'
                AND constraint_type = 'PRIMARY KEY';
        2. Uncomment code below and paste pk name manually
        
    Hope to release this update as soon as possible
*/

-- ALTER TABLE "request_category_targets" DROP CONSTRAINT "<constraint_name>";--> statement-breakpoint
ALTER TABLE "request_category_targets" ADD CONSTRAINT "request_category_targets_department_id_category_pk" PRIMARY KEY("department_id","category");--> statement-breakpoint
ALTER TABLE "request_category_targets" ADD COLUMN "department_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "request_category_targets" ADD CONSTRAINT "request_category_targets_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;