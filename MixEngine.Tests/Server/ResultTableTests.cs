using MixEngine.Server.Cli;

namespace MixEngine.Tests.Server;

public sealed class ResultTableTests
{
    [Fact]
    public void Plain_columns_are_padded_to_the_widest_cell_and_numbers_align_right()
    {
        var output = new StringWriter();
        ResultTable.Write(Terminal.Plain(output, new StringWriter()), ["Name", "Frames"],
            [["PM.wav", "48000"], ["DX_712.wav", "5"]], 1);
        Assert.Equal(
            "Name        Frames\n" +
            "PM.wav       48000\n" +
            "DX_712.wav       5\n",
            output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void An_empty_table_still_prints_its_header()
    {
        var output = new StringWriter();
        ResultTable.Write(Terminal.Plain(output, new StringWriter()), ["Address", "Unit"], []);
        Assert.Equal("Address  Unit\n", output.ToString().ReplaceLineEndings("\n"));
    }
}
