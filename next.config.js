/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages that must not be bundled by Next.
  serverExternalPackages: ['pino', 'bullmq', 'ioredis', 'pg', '@prisma/adapter-pg'],
  typedRoutes: false,
};

export default nextConfig;
