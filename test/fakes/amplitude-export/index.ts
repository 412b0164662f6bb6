export { startFakeAmplitudeExport, type FakeAmplitudeExport, type FakeExportOptions } from '@/test/fakes/amplitude-export/server';
export * from '@/test/fakes/amplitude-export/export-events';
export { writeZip, type ZipMethod } from '@/test/fakes/amplitude-export/zip-writer';
