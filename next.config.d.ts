// Types of next.config.js, for the test of its security headers.
import type { NextConfig } from 'next';

export function contentSecurityPolicy(options: { dev: boolean }): string;
export function securityHeaders(options: { dev: boolean }): { key: string; value: string }[];
export const OPENER_POLICY: { key: string; value: string };
export default function nextConfig(phase: string): NextConfig;
