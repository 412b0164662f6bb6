const body = JSON.stringify({
  attributes: Array.from({ length: 15 }, (_, i) => ({ external_id: `u${i}`, plan: 'pro', visits: { inc: 1 }, tags: { add: ['a', 'b'] } })),
  events: Array.from({ length: 60 }, (_, i) => ({ external_id: `u${i % 500}`, name: 'page_view', time: new Date().toISOString(), properties: { path: '/x/y', ref: 'google', n: i, cart: { items: [{ sku: 'a', qty: 1 }] } } })),
});
const total = 6000; let sent = 0; const conc = 20;
const t0 = performance.now();
async function worker() { while (sent < total) { sent++; const r = await fetch(`http://127.0.0.1:4799/users/track`, { method: 'POST', headers: { authorization: 'Bearer fake-rest-api-key', 'content-type': 'application/json' }, body }); await r.text(); } }
await Promise.all(Array.from({ length: conc }, worker));
console.log({ rps: Math.round(total / ((performance.now() - t0) / 1000)) });
