using ConnexDesk.Domain;
using NetArchTest.Rules;

namespace ConnexDesk.Tests.Foundation;

public sealed class ArchitectureTests
{
    private static readonly string[] WebAndDatabase =
    [
        "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Microsoft.Data.Sqlite", "Npgsql",
        "ConnexDesk.Data", "ConnexDesk.Features", "ConnexDesk.Infrastructure", "ConnexDesk.Cli",
    ];

    [Fact]
    public void The_domain_depends_on_neither_web_nor_database_code()
    {
        var result = Types.InAssembly(typeof(Role).Assembly)
            .That().ResideInNamespace("ConnexDesk.Domain")
            .ShouldNot().HaveDependencyOnAny(WebAndDatabase)
            .GetResult();

        Assert.True(result.IsSuccessful, "Domain types with web or database dependencies: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void The_boundary_check_does_see_dependencies_where_they_exist()
    {
        // Guards the test above against passing vacuously: the same rule must fail for the data layer.
        var result = Types.InAssembly(typeof(Role).Assembly)
            .That().ResideInNamespace("ConnexDesk.Data")
            .ShouldNot().HaveDependencyOnAny(WebAndDatabase)
            .GetResult();

        Assert.False(result.IsSuccessful);
    }
}
