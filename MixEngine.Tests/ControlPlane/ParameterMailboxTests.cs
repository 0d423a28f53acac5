using MixEngine.ControlPlane;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.ControlPlane;

public class ParameterMailboxTests
{
    private struct Recorder(double[] values, int[] hits) : IParameterSink
    {
        public void RtApply(int slot, double value, int client)
        {
            values[slot] = value;
            hits[slot]++;
        }
    }

    [Fact]
    public void A_flood_of_values_for_one_parameter_is_applied_once_with_the_newest()
    {
        var mailbox = new ParameterMailbox(4);
        for (int i = 0; i < 100_000; i++) mailbox.Post(2, i);
        mailbox.Post(0, -3.5);
        var values = new double[4];
        var hits = new int[4];
        var sink = new Recorder(values, hits);
        Assert.Equal(2, mailbox.RtDrain(ref sink));
        Assert.Equal(99_999, values[2]); // exact: the newest value
        Assert.Equal(-3.5, values[0]); // exact
        Assert.Equal([1, 0, 1, 0], hits);
        Assert.Equal(0, mailbox.RtDrain(ref sink));
    }

    [Fact]
    public void Concurrent_floods_from_several_clients_never_lose_the_last_value()
    {
        const int Slots = 32, Rounds = 20_000;
        var mailbox = new ParameterMailbox(Slots);
        var values = new double[Slots];
        var hits = new int[Slots];
        var sink = new Recorder(values, hits);
        var clients = Enumerable.Range(0, 3).Select(c => new Thread(() =>
        {
            for (int r = 0; r < Rounds; r++) mailbox.Post((r * 7 + c) % Slots, c * Rounds + r);
        })).ToArray();
        foreach (var t in clients) t.Start();
        while (clients.Any(t => t.IsAlive)) mailbox.RtDrain(ref sink);
        foreach (var t in clients) t.Join();
        mailbox.RtDrain(ref sink);
        // After the floods end, each slot holds the value of whichever client posted it last; every slot posted must be
        // one that some client actually sent as its final value for that slot.
        for (int slot = 0; slot < Slots; slot++)
        {
            var finals = Enumerable.Range(0, 3).Select(c => LastValueFor(c, slot)).Where(v => v.HasValue).Select(v => v!.Value).ToList();
            Assert.Contains(values[slot], finals);
        }

        static double? LastValueFor(int client, int slot)
        {
            for (int r = Rounds - 1; r >= 0; r--)
                if ((r * 7 + client) % Slots == slot) return client * Rounds + r;
            return null;
        }
    }

    [Fact]
    public void Posting_and_draining_allocate_nothing()
    {
        var mailbox = new ParameterMailbox(8);
        var sink = new Recorder(new double[8], new int[8]);
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                mailbox.Post(i & 7, i);
                if ((i & 15) == 0) mailbox.RtDrain(ref sink);
            }
        });
        Assert.Equal(0, bytes);
    }
}
