import { startFakeBraze } from '@/lib/fake-braze';
const fake = await startFakeBraze({ port: 4799 });
console.log('up');
process.on('SIGINT', async () => { const c = process.cpuUsage(); console.log(JSON.stringify({ cpuMs: (c.user + c.system) / 1000, stats: fake.stats() })); await fake.close(); process.exit(0); });
