namespace Shoebox.Search.Query;

internal enum DatePrecision
{
    Year,
    Month,
    Day,
}

/// <summary>A calendar year, month or day as written in a date filter: YYYY, YYYY-MM or YYYY-MM-DD.</summary>
internal readonly record struct DatePeriod(DateTime Start, DatePrecision Precision)
{
    /// <summary>The first moment after the period, or null past the end of the calendar (9999).</summary>
    public DateTime? End
    {
        get
        {
            var last = Precision switch
            {
                DatePrecision.Year => new DateTime(Start.Year, 12, 31),
                DatePrecision.Month => new DateTime(Start.Year, Start.Month, DateTime.DaysInMonth(Start.Year, Start.Month)),
                _ => Start,
            };
            return last == DateTime.MaxValue.Date ? null : last.AddDays(1);
        }
    }

    public static bool TryParse(string text, out DatePeriod period)
    {
        period = default;
        int year, month = 1, day = 1;
        DatePrecision precision;
        switch (text.Length)
        {
            case 4 when TryDigits(text, 0, 4, out year):
                precision = DatePrecision.Year;
                break;
            case 7 when text[4] == '-' && TryDigits(text, 0, 4, out year) && TryDigits(text, 5, 2, out month):
                precision = DatePrecision.Month;
                break;
            case 10 when text[4] == '-' && text[7] == '-' && TryDigits(text, 0, 4, out year)
                         && TryDigits(text, 5, 2, out month) && TryDigits(text, 8, 2, out day):
                precision = DatePrecision.Day;
                break;
            default:
                return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;
        period = new DatePeriod(new DateTime(year, month, day), precision);
        return true;
    }

    /// <summary>
    /// The shortest way to write the day a bound falls on, for canonical output. Parsed bounds are
    /// always midnight; a time of day set by other code is not expressible in the syntax and is dropped.
    /// </summary>
    public static string Format(DateTime start) => start switch
    {
        { Month: 1, Day: 1 } => start.ToString("yyyy"),
        { Day: 1 } => start.ToString("yyyy-MM"),
        _ => start.ToString("yyyy-MM-dd"),
    };

    /// <summary>The coarsest period that spans exactly [start, end), if there is one.</summary>
    public static DatePeriod? Spanning(DateTime start, DateTime? end)
    {
        if (start.TimeOfDay.Ticks != 0)
            return null;
        foreach (var precision in new[] { DatePrecision.Year, DatePrecision.Month, DatePrecision.Day })
        {
            var aligned = precision switch
            {
                DatePrecision.Year => start is { Month: 1, Day: 1 },
                DatePrecision.Month => start.Day == 1,
                _ => true,
            };
            var period = new DatePeriod(start, precision);
            if (aligned && period.End == end)
                return period;
        }

        return null;
    }

    public override string ToString() => Precision switch
    {
        DatePrecision.Year => Start.ToString("yyyy"),
        DatePrecision.Month => Start.ToString("yyyy-MM"),
        _ => Start.ToString("yyyy-MM-dd"),
    };

    private static bool TryDigits(string text, int start, int length, out int value)
    {
        value = 0;
        for (var i = start; i < start + length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
                return false;
            value = (value * 10) + (text[i] - '0');
        }

        return true;
    }
}
