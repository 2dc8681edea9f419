using LearningBot.Core.Kernel;

namespace LearningBot.Core.Tests.Kernel;

public sealed class LocalCalendarTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void The_zone_is_the_chosen_one_else_the_reported_one_else_utc()
    {
        Assert.Equal("Europe/Berlin", LocalCalendar.Zone("Europe/Berlin", "America/New_York").Id);
        Assert.Equal("America/New_York", LocalCalendar.Zone("Not/AZone", "America/New_York").Id);
        Assert.Equal("America/New_York", LocalCalendar.Zone(" ", "America/New_York").Id);
        Assert.Same(TimeZoneInfo.Utc, LocalCalendar.Zone(null, "Not/AZone"));
        Assert.Same(TimeZoneInfo.Utc, LocalCalendar.Zone(null));
    }

    [Fact]
    public void The_local_day_rolls_over_at_local_midnight()
    {
        Assert.Equal(new DateOnly(2026, 11, 2), LocalCalendar.LocalDate(Utc(11, 2, 22, 59), Berlin));
        Assert.Equal(new DateOnly(2026, 11, 3), LocalCalendar.LocalDate(Utc(11, 2, 23, 0), Berlin));
        Assert.Equal(new DateTime(2026, 11, 3, 0, 30, 0), LocalCalendar.LocalDateTime(Utc(11, 2, 23, 30), Berlin));
    }

    [Fact]
    public void A_time_the_spring_forward_gap_skips_happens_an_hour_later()
    {
        // Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST.
        var day = new DateOnly(2026, 3, 29);
        Assert.Equal(Utc(3, 29, 0, 59), LocalCalendar.ToInstant(day, new TimeOnly(1, 59), Berlin));
        Assert.Equal(Utc(3, 29, 1, 30), LocalCalendar.ToInstant(day, new TimeOnly(2, 30), Berlin));
        Assert.Equal(Utc(3, 29, 1, 30), LocalCalendar.ToInstant(day, new TimeOnly(3, 30), Berlin));
        Assert.Equal(Utc(3, 29, 8, 0), LocalCalendar.ToInstant(day, new TimeOnly(10, 0), Berlin));
    }

    [Fact]
    public void A_time_the_fall_back_hour_repeats_is_read_as_standard_time()
    {
        // Berlin, 25 October 2026: 03:00 CEST becomes 02:00 CET, so 02:30 happens twice; the second (CET) counts.
        var day = new DateOnly(2026, 10, 25);
        Assert.Equal(Utc(10, 24, 23, 30), LocalCalendar.ToInstant(day, new TimeOnly(1, 30), Berlin));
        Assert.Equal(Utc(10, 25, 1, 30), LocalCalendar.ToInstant(day, new TimeOnly(2, 30), Berlin));
        Assert.Equal(Utc(10, 25, 2, 0), LocalCalendar.ToInstant(day, new TimeOnly(3, 0), Berlin));
    }

    [Fact]
    public void Days_of_a_daylight_saving_change_are_23_and_25_hours_long()
    {
        var spring = new DateOnly(2026, 3, 29);
        var autumn = new DateOnly(2026, 10, 25);

        Assert.Equal(Utc(3, 28, 23, 0), LocalCalendar.EndOfDay(spring.AddDays(-1), Berlin));
        Assert.Equal(TimeSpan.FromHours(23), LocalCalendar.EndOfDay(spring, Berlin) - LocalCalendar.EndOfDay(spring.AddDays(-1), Berlin));
        Assert.Equal(TimeSpan.FromHours(25), LocalCalendar.EndOfDay(autumn, Berlin) - LocalCalendar.EndOfDay(autumn.AddDays(-1), Berlin));
    }

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("America/Santiago")] // changes at midnight
    [InlineData("America/Havana")] // changes at midnight
    [InlineData("Australia/Sydney")]
    public void Every_day_of_the_year_starts_on_its_own_date_and_after_the_day_before(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var previous = DateTimeOffset.MinValue;
        for (var date = new DateOnly(2026, 1, 1); date.Year == 2026; date = date.AddDays(1))
        {
            var start = LocalCalendar.ToInstant(date, TimeOnly.MinValue, zone);
            var end = LocalCalendar.EndOfDay(date, zone);

            Assert.Equal(date, LocalCalendar.LocalDate(start, zone));
            Assert.True(start > previous, $"{date} in {zoneId} starts before the day before");
            Assert.InRange(end - start, TimeSpan.FromHours(23), TimeSpan.FromHours(25));
            previous = start;
        }
    }

    [Fact]
    public void Working_days_are_monday_to_friday()
    {
        Assert.True(LocalCalendar.Includes(LocalCalendar.WorkingDays, DayOfWeek.Monday));
        Assert.True(LocalCalendar.Includes(LocalCalendar.WorkingDays, DayOfWeek.Friday));
        Assert.False(LocalCalendar.Includes(LocalCalendar.WorkingDays, DayOfWeek.Saturday));
        Assert.False(LocalCalendar.Includes(LocalCalendar.WorkingDays, DayOfWeek.Sunday));
        Assert.All(Enum.GetValues<DayOfWeek>(), day => Assert.True(LocalCalendar.Includes(LocalCalendar.EveryDay, day)));
    }
}
