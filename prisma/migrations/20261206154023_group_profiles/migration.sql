-- CreateTable
CREATE TABLE "group_profiles" (
    "project_id" TEXT NOT NULL,
    "group_type" TEXT NOT NULL,
    "group_value" TEXT NOT NULL,
    "properties" JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "group_profiles_pkey" PRIMARY KEY ("project_id","group_type","group_value")
);

-- AddForeignKey
ALTER TABLE "group_profiles" ADD CONSTRAINT "group_profiles_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
