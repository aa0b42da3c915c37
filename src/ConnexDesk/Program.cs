using ConnexDesk.Cli;
using ConnexDesk.Infrastructure;

// One executable: with a command word (`migrate`, `user add`, ...) it is the admin CLI; otherwise it serves the desk.
if (DeskCommandLine.IsCommand(args))
    return await DeskCommandLine.RunAsync(args);

var app = DeskApplication.Build(args);
await DeskApplication.PrepareAsync(app);
await app.RunAsync();
return 0;

public partial class Program;
