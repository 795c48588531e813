-- Open311 client applications belong to a département (their administrators manage them). Rows created
-- before this change take their creator's département: an assignment on a département first (admin first),
-- else the département of any of their assignments' territory, else the département with the lowest code.
ALTER TABLE "open311_clients" ADD COLUMN "department_id" uuid;--> statement-breakpoint
UPDATE "open311_clients" AS "client" SET "department_id" = coalesce((
  SELECT "candidate"."department_id"
  FROM (
    SELECT "ra"."scope_id" AS "department_id", 0 AS "rank", "ra"."role" FROM "role_assignments" "ra"
      WHERE "ra"."user_id" = "client"."created_by" AND "ra"."scope_type" = 'department'
    UNION ALL
    SELECT "d"."department_id", 1, "ra"."role" FROM "role_assignments" "ra" JOIN "districts" "d" ON "d"."id" = "ra"."scope_id"
      WHERE "ra"."user_id" = "client"."created_by" AND "ra"."scope_type" = 'district'
    UNION ALL
    SELECT "d"."department_id", 1, "ra"."role" FROM "role_assignments" "ra" JOIN "municipalities" "m" ON "m"."id" = "ra"."scope_id" JOIN "districts" "d" ON "d"."id" = "m"."district_id"
      WHERE "ra"."user_id" = "client"."created_by" AND "ra"."scope_type" = 'municipality'
    UNION ALL
    SELECT "d"."department_id", 1, "ra"."role" FROM "role_assignments" "ra" JOIN "sectors" "s" ON "s"."id" = "ra"."scope_id" JOIN "municipalities" "m" ON "m"."id" = "s"."municipality_id" JOIN "districts" "d" ON "d"."id" = "m"."district_id"
      WHERE "ra"."user_id" = "client"."created_by" AND "ra"."scope_type" = 'sector'
  ) AS "candidate"
  JOIN "departments" "dep" ON "dep"."id" = "candidate"."department_id"
  ORDER BY "candidate"."rank", ("candidate"."role" = 'admin') DESC, "dep"."code"
  LIMIT 1
), (SELECT "id" FROM "departments" ORDER BY "code" LIMIT 1));--> statement-breakpoint
ALTER TABLE "open311_clients" ALTER COLUMN "department_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "open311_clients" ADD CONSTRAINT "open311_clients_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "open311_clients_department_idx" ON "open311_clients" USING btree ("department_id");