using Rainforest.Domain.Descriptors;

namespace Rainforest.Domain.Tests.Descriptors;

public sealed class DescriptorPlanTests
{
    private static DescriptorPlan Plan(long limit, int open, int reserve = 256, int? maxConnections = null, int? maxOpenFiles = null,
        int perServer = 4096) =>
        DescriptorPlan.Of(limit, open, new DescriptorOptions { Reserve = reserve, MaxConnections = maxConnections }, maxOpenFiles, perServer);

    [Fact]
    public void Files_and_connections_share_what_the_limit_leaves_after_the_open_descriptors_and_the_reserve()
    {
        var plan = Plan(limit: 768, open: 302);

        Assert.Equal(210, plan.Spare);
        Assert.Equal(26, plan.TransientFiles);
        Assert.Equal(92, plan.Connections);
        Assert.Equal(92, plan.HourFiles);
        Assert.True(plan.OpenAtStart + plan.Reserve + plan.TransientFiles + plan.Connections + plan.HourFiles <= plan.Limit);
    }

    [Theory]
    [InlineData(1024L, 350)]
    [InlineData(65_536L, 400)]
    [InlineData(1_048_576L, 400)]
    [InlineData(int.MaxValue, 400)]
    public void The_shares_never_add_up_to_more_than_the_limit(long limit, int open)
    {
        var plan = Plan(limit, open);

        Assert.True(plan.OpenAtStart + plan.Reserve + plan.TransientFiles + plan.Connections + plan.HourFiles <= limit);
        Assert.True(plan.Connections >= 1 && plan.HourFiles >= 1);
    }

    [Fact]
    public void A_large_limit_keeps_the_relay_at_its_configured_connections_and_gives_the_rest_to_hour_files()
    {
        var plan = Plan(limit: 1_048_576, open: 400);

        Assert.Equal(4096, plan.Connections);
        Assert.Equal(256, plan.TransientFiles);
        Assert.Equal(1_048_576 - 400 - 256 - 256 - 4096, plan.HourFiles);
    }

    [Fact]
    public void Configured_caps_lower_the_shares_but_never_raise_them_past_the_limit()
    {
        Assert.Equal(50, Plan(limit: 768, open: 302, maxConnections: 50).Connections);
        Assert.Equal(134, Plan(limit: 768, open: 302, maxConnections: 50).HourFiles);
        Assert.Equal(10, Plan(limit: 768, open: 302, maxOpenFiles: 10).HourFiles);
        Assert.Equal(92, Plan(limit: 768, open: 302, maxOpenFiles: 10_000).HourFiles);
        Assert.Equal(183, Plan(limit: 768, open: 302, maxConnections: 100_000).Connections);
        Assert.Equal(1, Plan(limit: 768, open: 302, maxConnections: 100_000).HourFiles);
        Assert.Equal(8, Plan(limit: 768, open: 302, perServer: 8).Connections);
    }

    [Fact]
    public void A_limit_that_leaves_too_little_refuses_with_the_numbers_and_the_setting_to_change()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Plan(limit: 512, open: 350));

        Assert.Contains("ulimit -n", refused.Message, StringComparison.Ordinal);
        Assert.Contains("512", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Rainforest:Descriptors:Reserve", refused.Message, StringComparison.Ordinal);
        Assert.Equal(DescriptorPlan.MinimumSpare, Plan(limit: 512, open: 350, reserve: 162 - DescriptorPlan.MinimumSpare).Spare);
    }

    [Fact]
    public void Slots_are_taken_until_none_is_left_and_a_refusal_is_counted()
    {
        var slots = new DescriptorSlots(2);

        Assert.True(slots.TryAcquire());
        Assert.True(slots.TryAcquire());
        Assert.False(slots.TryAcquire());
        Assert.Equal(2, slots.InUse);
        Assert.Equal(1, slots.Refused);
        slots.Release();
        Assert.True(slots.TryAcquire());
    }
}
