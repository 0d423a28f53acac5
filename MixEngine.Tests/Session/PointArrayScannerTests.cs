using System.Text;
using System.Text.Json;
using MixEngine.Automation;
using MixEngine.Session;

namespace MixEngine.Tests.Session;

public class PointArrayScannerTests
{
    // Number texts of every kind the scanner meets: short decimals (the exact-division path), long ones, exponents,
    // signed zeros, integers beyond 2^53 and beyond long (Utf8Parser's path), values near the division path's limits.
    private static readonly string[] Numbers =
    [
        "0", "-0", "0.0", "-0.0", "7", "-10", "2400", "-8.748524", "0.07", "-40.000000000000001", "3.14159265358979",
        "0.1234567890123456789", "123456789012345", "1234567890123456", "9007199254740993", "-9223372036854775808",
        "92233720368547758070", "1e3", "1E-3", "-2.5e+2", "1.5e300", "0.0000000000000000000001", "0.00000000000000000000001",
        "4.9e-324", "999999999999999.9", "1.7976931348623157e308", "1.000000000000000", "0.000000000000001234567890123456",
        "-0.000000000000000000000100", "100.000000000000001", "12345.6789",
    ];

    [Fact]
    public void Every_number_reads_the_same_bits_and_whole_value_as_the_json_reader()
    {
        foreach (string number in Numbers)
        {
            string array = $"{{ \"position\" : 5,\n\t\"value\":{number} }}, {{\"value\":{number},\"position\":6,\"shape\":\"step\"}}]";
            Assert.True(PointArrayScanner.TryScan(Encoding.UTF8.GetBytes(array), out var points, out int close), number);
            Assert.Equal(array.Length - 1, close);
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(number));
            reader.Read();
            Assert.True(reader.TryGetDouble(out double expected), number);
            long? whole = reader.TryGetInt64(out long n) ? n
                : expected == Math.Floor(expected) && Math.Abs(expected) <= 9.007199254740992e15 ? (long)expected : null;
            foreach (var point in points)
            {
                // exact: the same bits, including the sign of zero
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(point.Value));
                // a switch reads the double: 0 or 1 exactly where the JSON reader's whole value is
                Assert.Equal(whole is 0 or 1, point.Value == 0 || point.Value == 1);
            }
            Assert.Equal(new AutomationPoint(5, expected, LiftedPoints.NoShape), points[0]);
            Assert.Equal(new AutomationPoint(6, expected, SegmentShape.Step), points[1]);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("7")]
    [InlineData("1440000")]
    [InlineData("123456789012345")]
    [InlineData("1234567890123456")]
    [InlineData("9007199254740993")]
    [InlineData("1e3")]
    [InlineData("1000.0000")]
    [InlineData("2.5E1")]
    public void Every_whole_position_reads_as_the_json_reader_reads_it(string number)
    {
        string array = $"{{\"position\":{number},\"value\":1}},{{\"value\":1,\"position\" : {number} }}]";
        Assert.True(PointArrayScanner.TryScan(Encoding.UTF8.GetBytes(array), out var points, out _), number);
        using var document = JsonDocument.Parse(number);
        Assert.True(JsonObjectReader.TryGetWhole(document.RootElement, out long expected));
        Assert.All(points, p => Assert.Equal(expected, p.Position));
    }

    [Theory]
    [InlineData("]", 0)]
    [InlineData(" \r\n]", 0)]
    [InlineData("{\"position\":0,\"value\":1,\"shape\":\"sCurve\"},{\"position\":1e3,\"value\":1,\"shape\":\"linear\"}]", 2)]
    public void Empty_arrays_shapes_and_whole_exponent_positions_are_read(string array, int count)
    {
        Assert.True(PointArrayScanner.TryScan(Encoding.UTF8.GetBytes(array), out var points, out int close));
        Assert.Equal(array.Length - 1, close);
        Assert.Equal(count, points.Length);
    }

    // Everything outside the plain form is left to the token reader, which accepts or reports it as before.
    [Theory]
    [InlineData("{\"position\":01,\"value\":1}]")] // leading zero: not JSON
    [InlineData("{\"position\":1,\"value\":1.}]")]
    [InlineData("{\"position\":1,\"value\":+1}]")]
    [InlineData("{\"position\":1,\"value\":.5}]")]
    [InlineData("{\"position\":1,\"value\":1e}]")]
    [InlineData("{\"position\":1,\"value\":1e400}]")] // not finite
    [InlineData("{\"position\":-1,\"value\":1}]")]
    [InlineData("{\"position\":1.5,\"value\":1}]")]
    [InlineData("{\"position\":1,\"value\":\"-inf\"}]")]
    [InlineData("{\"position\":\"01:00:00:00\",\"value\":1}]")]
    [InlineData("{\"\\u0070osition\":1,\"value\":1}]")] // an escaped name
    [InlineData("{\"position\":1,\"value\":1,\"shape\":\"st\\u0065p\"}]")]
    [InlineData("{\"position\":1,\"value\":1,\"shape\":\"smooth\"}]")]
    [InlineData("{\"position\":1,\"value\":1,\"colour\":\"red\"}]")]
    [InlineData("{\"position\":1,\"position\":2,\"value\":1}]")]
    [InlineData("{\"position\":1}]")]
    [InlineData("{}]")]
    [InlineData("{\"position\":1,\"value\":1},]")] // trailing comma
    [InlineData("{\"position\":1,\"value\":1} {\"position\":2,\"value\":1}]")]
    [InlineData("{\"position\":1,\"value\":1}")] // no closing bracket
    [InlineData("[1, 2]]")]
    [InlineData("{\"position\":1,\"value\":1,\"shape\":\"]\"}]")] // the first ']' inside a string
    [InlineData("{\"position\":1,\"value\":1}{]")]
    [InlineData("{\"position\":1,\"value\":-}]")]
    public void Anything_but_plain_points_makes_it_give_up(string array)
    {
        Assert.False(PointArrayScanner.TryScan(Encoding.UTF8.GetBytes(array), out var points, out _));
        Assert.Empty(points);
    }
}
